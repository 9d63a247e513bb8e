using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Tasks;

public sealed class TaskTransitionsTests
{
    // The state machine as designed, written out here rather than read from the code under test.
    private static readonly HashSet<(TaskState From, TaskState To)> Allowed =
    [
        (TaskState.Backlog, TaskState.Claimed),
        (TaskState.Backlog, TaskState.Canceled),

        (TaskState.Claimed, TaskState.Running),
        (TaskState.Claimed, TaskState.Backlog),
        (TaskState.Claimed, TaskState.Failed),
        (TaskState.Claimed, TaskState.Canceled),

        (TaskState.Running, TaskState.Review),
        (TaskState.Running, TaskState.NeedsInput),
        (TaskState.Running, TaskState.Backlog),
        (TaskState.Running, TaskState.Failed),
        (TaskState.Running, TaskState.Canceled),

        (TaskState.Review, TaskState.Merging),
        (TaskState.Review, TaskState.NeedsInput),
        (TaskState.Review, TaskState.Running),
        (TaskState.Review, TaskState.Backlog),
        (TaskState.Review, TaskState.Failed),
        (TaskState.Review, TaskState.Canceled),

        (TaskState.Merging, TaskState.Done),
        (TaskState.Merging, TaskState.Running),
        (TaskState.Merging, TaskState.NeedsInput), // work touching protected paths waits for a person
        (TaskState.Merging, TaskState.Backlog),
        (TaskState.Merging, TaskState.Failed),
        (TaskState.Merging, TaskState.Canceled),

        (TaskState.NeedsInput, TaskState.Backlog),
        (TaskState.NeedsInput, TaskState.Running),
        (TaskState.NeedsInput, TaskState.Merging),
        (TaskState.NeedsInput, TaskState.Canceled),
        (TaskState.NeedsInput, TaskState.Failed),

        (TaskState.Failed, TaskState.Backlog),
    ];

    private static readonly TaskId Task = TaskId.Parse("T-0047");

    public static TheoryData<TaskState, TaskState> AllowedPairs { get; } = Pairs(allowed: true);

    public static TheoryData<TaskState, TaskState> RefusedPairs { get; } = Pairs(allowed: false);

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void Ensure_WhenTheMoveIsInTheTable_Passes(TaskState from, TaskState to)
    {
        Assert.True(TaskTransitions.IsAllowed(from, to));
        TaskTransitions.Ensure(Task, from, to);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void Ensure_WhenTheMoveIsNotInTheTable_ThrowsNamingBothStates(TaskState from, TaskState to)
    {
        Assert.False(TaskTransitions.IsAllowed(from, to));

        var error = Assert.Throws<IllegalTransitionException>(() => TaskTransitions.Ensure(Task, from, to));

        Assert.Contains($"T-0047: {from.Name()} → {to.Name()}", error.Message, StringComparison.Ordinal);
        Assert.Equal((Task, from, to), (error.Task, error.From, error.To));
    }

    [Fact]
    public void From_ListsExactlyTheMovesInTheTable()
    {
        foreach (var from in Enum.GetValues<TaskState>())
        {
            var expected = Allowed.Where(p => p.From == from).Select(p => p.To).Order();

            Assert.Equal(expected, TaskTransitions.From(from).Order());
        }
    }

    [Theory]
    [InlineData(TaskState.Done)]
    [InlineData(TaskState.Canceled)]
    public void Ensure_FromAFinalState_SaysItIsFinal(TaskState final)
    {
        var error = Assert.Throws<IllegalTransitionException>(() => TaskTransitions.Ensure(Task, final, TaskState.Backlog));

        Assert.Contains("it is final", error.Message, StringComparison.Ordinal);
    }

    private static TheoryData<TaskState, TaskState> Pairs(bool allowed)
    {
        var data = new TheoryData<TaskState, TaskState>();
        foreach (var from in Enum.GetValues<TaskState>())
        {
            foreach (var to in Enum.GetValues<TaskState>().Where(to => Allowed.Contains((from, to)) == allowed))
            {
                data.Add(from, to);
            }
        }

        return data;
    }
}
