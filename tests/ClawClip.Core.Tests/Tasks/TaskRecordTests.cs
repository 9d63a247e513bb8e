using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Tasks;

public sealed class TaskRecordTests
{
    private static readonly TaskId Id = TaskId.Parse("T-0007");
    private static readonly AgentId Dev = AgentId.Parse("dev-1");
    private static readonly AgentId OtherDev = AgentId.Parse("dev-2");
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(30);

    private static readonly TaskDefinition Definition =
        new("Add the reaper", "Return expired claims.", [], 50, [], null, [], 3);

    [Fact]
    public void Submit_StartsInTheBacklogWithOneEventAndNoHolder()
    {
        var task = Submitted();

        Assert.Equal(TaskState.Backlog, task.Status);
        Assert.Equal(0, task.Attempt);
        Assert.Null(task.Holder);
        Assert.Null(task.Lease);
        var created = Assert.Single(task.History);
        Assert.Equal(new TaskEvent(null, TaskState.Backlog, "human", "asked for", "intake.submit", null, 0, null, Start, null), created);
    }

    [Fact]
    public void Submit_WhenTheDefinitionIsInvalid_Throws()
    {
        Assert.Throws<ArgumentException>(() => TaskRecord.Submit(Id, Definition with { Priority = 101 }, "human", "r", "p", Start));
    }

    [Fact]
    public void Claim_StartsTheFirstAttemptUnderALeaseHeldByTheAgent()
    {
        var task = Submitted().Claim(Dev, Tier.Junior, Start.AddMinutes(1), LeaseLength, "mine", "claim.priority-and-skills");

        Assert.Equal(TaskState.Claimed, task.Status);
        Assert.Equal(1, task.Attempt);
        Assert.Equal("dev-1", task.Holder);
        Assert.Equal(new Lease(Start.AddMinutes(1), Start.AddMinutes(31)), task.Lease);
        Assert.Equal(new TaskEvent(TaskState.Backlog, TaskState.Claimed, "dev-1", "mine", "claim.priority-and-skills", Tier.Junior, 1, null, Start.AddMinutes(1), task.Lease), task.History[^1]);
    }

    [Fact]
    public void Claim_LeavesTheOriginalRecordAsItWas()
    {
        var submitted = Submitted();

        _ = submitted.Claim(Dev, Tier.Junior, Start, LeaseLength, "mine", "p");

        Assert.Equal(TaskState.Backlog, submitted.Status);
        Assert.Single(submitted.History);
    }

    [Fact]
    public void Claim_WhenTheTaskIsAlreadyClaimed_Throws()
    {
        var claimed = Claimed();

        Assert.Throws<IllegalTransitionException>(() => claimed.Claim(OtherDev, Tier.Senior, Start, LeaseLength, "mine too", "p"));
    }

    [Fact]
    public void Claim_AfterTheTaskWentBackToTheBacklog_StartsTheNextAttemptForTheNewAgent()
    {
        var requeued = Claimed().MoveTo(TaskState.Backlog, "clawclip-reaper", null, "lease expired", "reap.lease-expired", Start.AddHours(1));

        var task = requeued.Claim(OtherDev, Tier.Senior, Start.AddHours(2), LeaseLength, "mine", "p");

        Assert.Equal(2, task.Attempt);
        Assert.Equal("dev-2", task.Holder);
        Assert.Equal(Start.AddHours(2), task.Lease!.ClaimedAt);
    }

    [Theory]
    [InlineData(TaskState.Running)]
    [InlineData(TaskState.Failed)]
    [InlineData(TaskState.Canceled)]
    public void MoveTo_KeepsTheAttemptOfTheClaim(TaskState to)
    {
        var task = Claimed().MoveTo(to, "dev-1", Tier.Junior, "r", "p", Start.AddMinutes(5), leaseLength: LeaseLength);

        Assert.Equal(1, task.Attempt);
        Assert.Equal(1, task.History[^1].Attempt);
    }

    [Fact]
    public void MoveTo_AHeldState_RenewsTheLeaseFromNowAndKeepsTheHolder()
    {
        var now = Start.AddMinutes(20);

        var task = Claimed().MoveTo(TaskState.Running, "dev-1", Tier.Junior, "started", "p", now, leaseLength: TimeSpan.FromMinutes(45));

        Assert.Equal("dev-1", task.Holder);
        Assert.Equal(new Lease(now, now.AddMinutes(45)), task.Lease);
        Assert.Equal(task.Lease, task.History[^1].Lease);
    }

    [Fact]
    public void MoveTo_AHeldStateByAnotherAgent_KeepsTheClaimingAgentAsHolder()
    {
        var review = Claimed()
            .MoveTo(TaskState.Running, "dev-1", Tier.Junior, "started", "p", Start.AddMinutes(1), leaseLength: LeaseLength)
            .MoveTo(TaskState.Review, "dev-1", Tier.Junior, "done", "p", Start.AddMinutes(2), leaseLength: LeaseLength);

        var merging = review.MoveTo(TaskState.Merging, "qa-1", Tier.Senior, "approved", "p", Start.AddMinutes(3), leaseLength: LeaseLength);

        Assert.Equal("dev-1", merging.Holder);
        Assert.Equal(Start.AddMinutes(3), merging.Lease!.ClaimedAt);
    }

    [Fact]
    public void MoveTo_AHeldStateWithoutALeaseLength_Throws()
    {
        var claimed = Claimed();

        var error = Assert.Throws<ArgumentException>(() => claimed.MoveTo(TaskState.Running, "dev-1", Tier.Junior, "r", "p", Start));

        Assert.Equal("leaseLength", error.ParamName);
    }

    [Theory]
    [InlineData(TaskState.Backlog)]
    [InlineData(TaskState.NeedsInput)]
    [InlineData(TaskState.Failed)]
    [InlineData(TaskState.Canceled)]
    public void MoveTo_AStateNobodyHolds_EndsTheLeaseAndTheHold(TaskState to)
    {
        var running = Claimed().MoveTo(TaskState.Running, "dev-1", Tier.Junior, "r", "p", Start.AddMinutes(1), leaseLength: LeaseLength);

        var task = running.MoveTo(to, "dev-1", Tier.Junior, "r", "p", Start.AddMinutes(2), leaseLength: LeaseLength);

        Assert.Null(task.Holder);
        Assert.Null(task.Lease);
        Assert.Null(task.History[^1].Lease);
    }

    [Fact]
    public void MoveTo_Done_EndsTheLeaseAndTheHold()
    {
        var done = Claimed()
            .MoveTo(TaskState.Running, "dev-1", Tier.Junior, "r", "p", Start.AddMinutes(1), leaseLength: LeaseLength)
            .MoveTo(TaskState.Review, "dev-1", Tier.Junior, "r", "p", Start.AddMinutes(2), leaseLength: LeaseLength)
            .MoveTo(TaskState.Merging, "qa-1", Tier.Senior, "r", "p", Start.AddMinutes(3), leaseLength: LeaseLength)
            .MoveTo(TaskState.Done, "qa-1", Tier.Senior, "merged", "p", Start.AddMinutes(4));

        Assert.Equal(TaskState.Done, done.Status);
        Assert.Null(done.Holder);
        Assert.Null(done.Lease);
    }

    [Fact]
    public void MoveTo_Claimed_IsRefusedEvenFromTheBacklog()
    {
        var submitted = Submitted();

        var error = Assert.Throws<ArgumentException>(
            () => submitted.MoveTo(TaskState.Claimed, "dev-1", Tier.Junior, "r", "p", Start, leaseLength: LeaseLength));

        Assert.Equal("to", error.ParamName);
    }

    [Fact]
    public void MoveTo_AnIllegalState_ThrowsIllegalTransition()
    {
        var submitted = Submitted();

        var error = Assert.Throws<IllegalTransitionException>(() => submitted.MoveTo(TaskState.Done, "human", null, "r", "p", Start));

        Assert.Equal((TaskState.Backlog, TaskState.Done), (error.From, error.To));
    }

    [Fact]
    public void TotalCostUsd_AddsTheCostOfEveryEvent()
    {
        var task = Claimed()
            .MoveTo(TaskState.Running, "dev-1", Tier.Junior, "r", "p", Start, costUsd: null, leaseLength: LeaseLength)
            .MoveTo(TaskState.Review, "dev-1", Tier.Junior, "r", "p", Start, costUsd: 0.42m, leaseLength: LeaseLength)
            .MoveTo(TaskState.Running, "qa-1", Tier.Senior, "r", "p", Start, costUsd: 0.08m, leaseLength: LeaseLength);

        Assert.Equal(0.50m, task.TotalCostUsd);
    }

    [Fact]
    public void Restore_OfALegalHistory_GivesTheSameTask()
    {
        var original = Claimed().MoveTo(TaskState.Running, "dev-1", Tier.Junior, "r", "p", Start.AddMinutes(1), leaseLength: LeaseLength);

        var restored = TaskRecord.Restore(Id, Definition, original.History);

        Assert.Equal((original.Status, original.Attempt, original.Holder, original.Lease), (restored.Status, restored.Attempt, restored.Holder, restored.Lease));
        Assert.Equal(original.History, restored.History);
    }

    [Fact]
    public void Restore_WhenTheHistoryIsEmpty_Throws()
    {
        Assert.Throws<InvalidDataException>(() => TaskRecord.Restore(Id, Definition, []));
    }

    [Fact]
    public void Restore_WhenTheHistoryDoesNotStartWithTheSubmission_Throws()
    {
        var history = Claimed().History.Skip(1).ToArray();

        Assert.Throws<InvalidDataException>(() => TaskRecord.Restore(Id, Definition, history));
    }

    [Fact]
    public void Restore_WhenTheFirstEventIsNotIntoTheBacklog_Throws()
    {
        TaskEvent[] history = [new(null, TaskState.Running, "human", "r", "p", null, 0, null, Start, null)];

        Assert.Throws<InvalidDataException>(() => TaskRecord.Restore(Id, Definition, history));
    }

    [Fact]
    public void Restore_WhenAStepStartsFromTheWrongState_ThrowsNamingIt()
    {
        var history = Claimed().MoveTo(TaskState.Running, "dev-1", Tier.Junior, "r", "p", Start, leaseLength: LeaseLength).History.ToArray();
        history[2] = history[2] with { From = TaskState.Review };

        var error = Assert.Throws<InvalidDataException>(() => TaskRecord.Restore(Id, Definition, history));

        Assert.Contains("history[2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_WhenAStepIsNotAnAllowedTransition_ThrowsNamingIt()
    {
        var history = Claimed().History.ToArray();
        history[1] = history[1] with { To = TaskState.Done };

        var error = Assert.Throws<InvalidDataException>(() => TaskRecord.Restore(Id, Definition, history));

        Assert.Contains("history[1] moves backlog → done", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsOf_GivesTheTaskAsItWasAfterThatManyEvents()
    {
        var task = Claimed()
            .MoveTo(TaskState.Running, "dev-1", Tier.Junior, "r", "p", Start.AddMinutes(1), leaseLength: LeaseLength)
            .MoveTo(TaskState.NeedsInput, "dev-1", Tier.Junior, "r", "p", Start.AddMinutes(2));

        var submitted = task.AsOf(1);
        var claimed = task.AsOf(2);

        Assert.Equal((TaskState.Backlog, 0, null), (submitted.Status, submitted.Attempt, submitted.Holder));
        Assert.Equal((TaskState.Claimed, 1, "dev-1"), (claimed.Status, claimed.Attempt, claimed.Holder));
        Assert.Equal(task.History.Take(2), claimed.History);
        Assert.Equal(new Lease(Start, Start + LeaseLength), claimed.Lease);
        Assert.Same(task, task.AsOf(task.History.Count));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void AsOf_OutsideTheHistory_Throws(int eventCount)
    {
        var task = Claimed();

        Assert.Throws<ArgumentOutOfRangeException>(() => task.AsOf(eventCount));
    }

    private static TaskRecord Submitted() => TaskRecord.Submit(Id, Definition, "human", "asked for", "intake.submit", Start);

    private static TaskRecord Claimed() => Submitted().Claim(Dev, Tier.Junior, Start, LeaseLength, "mine", "claim.priority-and-skills");
}
