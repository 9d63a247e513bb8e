using ClawClip.Core.Agents;
using ClawClip.Core.Goals;
using ClawClip.Core.Lineage;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Lineage;

public sealed class TransitionMessageTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private static readonly TaskDefinition Definition = new("Add the reaper", "", [], 50, [], null, [], 3);

    [Fact]
    public void Subject_OfTheSubmission_SaysSubmitted()
    {
        var task = Submitted(Definition);

        Assert.Equal("T-0047 submitted", TransitionMessage.Subject(task.Id, task.History[0]));
    }

    [Fact]
    public void Subject_OfAMove_NamesBothStatesAsSpelledOnDisk()
    {
        var task = Claimed(Definition).MoveTo(TaskState.Running, "dev-1", Tier.Senior, "r", "p", Start, leaseLength: TimeSpan.FromMinutes(1))
            .MoveTo(TaskState.NeedsInput, "dev-1", Tier.Senior, "r", "p", Start);

        Assert.Equal("T-0047 backlog → claimed", TransitionMessage.Subject(task.Id, task.History[1]));
        Assert.Equal("T-0047 running → needs-input", TransitionMessage.Subject(task.Id, task.History[3]));
    }

    [Fact]
    public void Trailers_OfAClaim_AreAllTwelveKeysInOrder()
    {
        var task = Claimed(Definition with { Goal = GoalId.Parse("G-3f9a2c1b") });

        var trailers = TransitionMessage.Trailers(task, task.History[^1], "tasks/backlog/00/T-0047.json");

        Assert.Equal(
            [
                new Trailer("Task", "T-0047"),
                new Trailer("Goal", "G-3f9a2c1b"),
                new Trailer("Agent", "dev-1"),
                new Trailer("Tier", "senior"),
                new Trailer("Policy", "claim.priority-and-skills"),
                new Trailer("Attempt", "1"),
                new Trailer("Cost-USD", "0.000000"),
                new Trailer("Turns", "0"),
                new Trailer("Tokens", "0"),
                new Trailer("Session", "none"),
                new Trailer("Data", "tasks/backlog/00/T-0047.json"),
                new Trailer("Commit", "none"),
            ],
            trailers);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Trailers_WhenAFactIsMissing_SayNoneRatherThanLeaveTheKeyOut(string? data)
    {
        var task = Submitted(Definition);

        var trailers = TransitionMessage.Trailers(task, task.History[0], data);

        Assert.Equal(["Task", "Goal", "Agent", "Tier", "Policy", "Attempt", "Cost-USD", "Turns", "Tokens", "Session", "Data", "Commit"], trailers.Select(t => t.Key));
        Assert.Equal(["T-0047", "none", "human", "none", "intake.submit", "0", "0.000000", "0", "0", "none", "none", "none"], trailers.Select(t => t.Value));
    }

    [Fact]
    public void Trailers_WriteTheCostWithSixDecimals()
    {
        var task = Claimed(Definition).MoveTo(TaskState.Canceled, "dev-1", Tier.Senior, "r", "p", Start, costUsd: 12.5m);

        var cost = TransitionMessage.Trailers(task, task.History[^1], null).Single(t => t.Key == "Cost-USD");

        Assert.Equal("12.500000", cost.Value);
    }

    [Fact]
    public void Trailers_WriteACostWithFloatNoiseAsTheMoneyItIs()
    {
        var task = Claimed(Definition).MoveTo(TaskState.Canceled, "dev-1", Tier.Senior, "r", "p", Start, costUsd: 0.30000000000000004m);

        var cost = TransitionMessage.Trailers(task, task.History[^1], null).Single(t => t.Key == "Cost-USD");

        Assert.Equal("0.300000", cost.Value);
    }

    private static TaskRecord Submitted(TaskDefinition definition) =>
        TaskRecord.Submit(TaskId.Parse("T-0047"), definition, "human", "asked for", "intake.submit", Start);

    private static TaskRecord Claimed(TaskDefinition definition) =>
        Submitted(definition).Claim(AgentId.Parse("dev-1"), Tier.Senior, Start, TimeSpan.FromMinutes(60), "mine", "claim.priority-and-skills");

    [Fact]
    public void Trailers_OfAStepThatRanAnAgent_CarryItsTurnsTokensAndSession()
    {
        var task = Claimed(Definition).MoveTo(TaskState.Running, "dev-1", Tier.Senior, "started", "dev.start", Start, 0.25m, TimeSpan.FromMinutes(30), new AgentRunFacts(7, "5b0c6f1e") { Tokens = 123_456 });

        var trailers = TransitionMessage.Trailers(task, task.History[^1], null).ToDictionary(t => t.Key, t => t.Value);

        Assert.Equal("7", trailers["Turns"]);
        Assert.Equal("123456", trailers["Tokens"]);
        Assert.Equal("5b0c6f1e", trailers["Session"]);
        Assert.Equal("0.250000", trailers["Cost-USD"]);
    }

    [Fact]
    public void Trailers_OfALanding_NameTheCommitItPutOnTheTarget()
    {
        var commit = new string('a', 40);
        var task = Claimed(Definition).MoveTo(TaskState.Running, "dev-1", Tier.Senior, "r", "p", Start, leaseLength: TimeSpan.FromMinutes(30))
            .MoveTo(TaskState.Review, "dev-1", Tier.Senior, "r", "p", Start, leaseLength: TimeSpan.FromMinutes(30))
            .MoveTo(TaskState.Merging, "qa-1", Tier.Senior, "r", "p", Start, leaseLength: TimeSpan.FromMinutes(30))
            .MoveTo(TaskState.Done, "clawclip", null, "landed", "merge.gate-passed", Start, commit: commit);

        var trailers = TransitionMessage.Trailers(task, task.History[^1], null).ToDictionary(t => t.Key, t => t.Value);

        Assert.Equal(commit, trailers["Commit"]);
    }
}
