using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Tasks;

public sealed class TaskStateNamesTests
{
    public static TheoryData<TaskState> States { get; } = new(Enum.GetValues<TaskState>());

    [Fact]
    public void Name_SpellsEveryStateAsItsFolderIsNamed()
    {
        var names = TaskStateNames.All.Select(s => s.Name());

        Assert.Equal(["backlog", "claimed", "running", "review", "merging", "done", "failed", "needs-input", "canceled"], names);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Parse_OfName_GivesTheStateBack(TaskState state)
    {
        Assert.Equal(state, TaskStateNames.Parse(state.Name()));
    }

    [Theory]
    [InlineData("Backlog")]
    [InlineData("needs_input")]
    [InlineData("NeedsInput")]
    [InlineData(" backlog")]
    [InlineData("")]
    [InlineData("finished")]
    public void TryParse_WhenTheNameIsNotAStatesSpelling_Fails(string name)
    {
        Assert.False(TaskStateNames.TryParse(name, out _));
    }

    [Fact]
    public void TryParse_WhenTheNameIsNull_Fails()
    {
        Assert.False(TaskStateNames.TryParse(null, out _));
    }

    [Fact]
    public void Parse_WhenTheNameIsUnknown_ThrowsListingTheKnownOnes()
    {
        var error = Assert.Throws<FormatException>(() => TaskStateNames.Parse("finished"));

        Assert.Contains("needs-input", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TaskState.Backlog, QueueKind.Intake)]
    [InlineData(TaskState.NeedsInput, QueueKind.Intake)]
    [InlineData(TaskState.Claimed, QueueKind.Active)]
    [InlineData(TaskState.Running, QueueKind.Active)]
    [InlineData(TaskState.Review, QueueKind.Active)]
    [InlineData(TaskState.Merging, QueueKind.Active)]
    [InlineData(TaskState.Done, QueueKind.Completed)]
    [InlineData(TaskState.Failed, QueueKind.Completed)]
    [InlineData(TaskState.Canceled, QueueKind.Completed)]
    public void Queue_PutsEachStateInOnePersonsQueue(TaskState state, QueueKind queue)
    {
        Assert.Equal(queue, state.Queue());
    }

    [Theory]
    [MemberData(nameof(States))]
    public void IsHeld_IsTrueExactlyForTheActiveStates(TaskState state)
    {
        Assert.Equal(state.Queue() == QueueKind.Active, state.IsHeld());
    }
}
