using ClawClip.Core.Agents;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Pipeline;

public sealed class StepRepetitionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    private static TaskRecord InReview()
    {
        var definition = new TaskDefinition("work", string.Empty, [], TaskDefinition.DefaultPriority, [], null, [], 5);
        return TaskRecord.Submit(TaskId.Parse("T-0007"), definition, "human", "asked", "intake.submit", At)
            .Claim(AgentId.Parse("dev-1"), Tier.Junior, At, Lease, "mine", "claim.priority-and-skills")
            .MoveTo(TaskState.Running, "dev-1", Tier.Junior, "started", PipelinePolicies.DevStart, At, leaseLength: Lease)
            .MoveTo(TaskState.Review, "dev-1", Tier.Junior, "passed", PipelinePolicies.ChecksPassed, At, 0.19m, Lease);
    }

    private static TaskRecord NoVerdict(TaskRecord task, int attempt, string problem = "the answer is not JSON: 'lol'") =>
        task.Annotate("qa-1", $"qa-1 gave no usable verdict (try {attempt} of 2): {problem}", PipelinePolicies.QaNoVerdict, At, 0.19m, new AgentRunFacts(1, null));

    private static TaskRecord Retried(TaskRecord task) =>
        task.MoveTo(TaskState.Backlog, "human", null, "try again", "person.retry", At)
            .Claim(AgentId.Parse("dev-1"), Tier.Junior, At, Lease, "mine", "claim.priority-and-skills")
            .MoveTo(TaskState.Running, "dev-1", Tier.Junior, "started", PipelinePolicies.DevStart, At, leaseLength: Lease)
            .MoveTo(TaskState.Review, "dev-1", Tier.Junior, "passed", PipelinePolicies.ChecksPassed, At, 0.19m, Lease);

    private static TaskRecord RunFailed(TaskRecord running, int attempt, string why = "the process exited with code 1") =>
        running.MoveTo(TaskState.Backlog, "dev-1", Tier.Junior, $"dev-1's run failed: {why}. Back to the backlog for attempt {attempt + 1} of 5.", PipelinePolicies.RunFailedRetry, At, 0.03m)
            .Claim(AgentId.Parse("dev-1"), Tier.Junior, At, Lease, "mine", "claim.priority-and-skills")
            .MoveTo(TaskState.Running, "dev-1", Tier.Junior, "started", PipelinePolicies.DevStart, At, leaseLength: Lease);

    [Fact]
    public void Find_AReviewerFailingTheSameWayThreeTimesInARow_IsARepeatedReview()
    {
        var task = NoVerdict(NoVerdict(NoVerdict(InReview(), 1), 2), 1);

        var repeated = StepRepetition.Find(task.History);

        Assert.NotNull(repeated);
        Assert.Equal(("review", 3), (repeated.Step, repeated.Times));
        Assert.Equal("qa-1 gave no usable verdict (try 1 of 2): the answer is not JSON: 'lol'", repeated.Failure);
    }

    [Fact]
    public void Find_TwoFailuresInARow_IsNotYetARepetition()
    {
        Assert.Null(StepRepetition.Find(NoVerdict(NoVerdict(InReview(), 1), 2).History));
    }

    [Fact]
    public void Find_FailuresThatDifferInMoreThanTheirNumbers_AreNotTheSameWay()
    {
        var task = NoVerdict(NoVerdict(NoVerdict(InReview(), 1), 2), 1, "the verdict is 'maybe'");

        Assert.Null(StepRepetition.Find(task.History));
    }

    [Fact]
    public void Find_AVerdictInBetween_EndsTheRow()
    {
        var revised = NoVerdict(NoVerdict(InReview(), 1), 2)
            .MoveTo(TaskState.Running, "qa-1", Tier.Intern, "revise: not yet", PipelinePolicies.QaRevise, At, 0.02m, Lease)
            .MoveTo(TaskState.Review, "dev-1", Tier.Junior, "passed", PipelinePolicies.ChecksPassed, At, 0.19m, Lease);

        Assert.Null(StepRepetition.Find(NoVerdict(revised, 1).History));
    }

    [Fact]
    public void Find_OtherStepsInBetween_DoNotEndTheRow()
    {
        // A review that fails again after the dev ran again and passed the checks: still the review failing in a row.
        var again = NoVerdict(NoVerdict(InReview(), 1), 2)
            .MoveTo(TaskState.Running, "dev-1", Tier.Junior, "merge sent it back", "merge.conflict", At, leaseLength: Lease)
            .MoveTo(TaskState.Review, "dev-1", Tier.Junior, "passed", PipelinePolicies.ChecksPassed, At, 0.19m, Lease);

        Assert.NotNull(StepRepetition.Find(NoVerdict(again, 1).History));
    }

    [Fact]
    public void Find_APersonActingInBetween_StartsAFreshRow()
    {
        var task = NoVerdict(Retried(NoVerdict(NoVerdict(InReview(), 1), 2)), 1);

        Assert.Null(StepRepetition.Find(task.History));
    }

    [Fact]
    public void Find_WhenTheNewestEventIsNotAFailure_FindsNothing()
    {
        var task = NoVerdict(NoVerdict(NoVerdict(InReview(), 1), 2), 1)
            .MoveTo(TaskState.Merging, "qa-1", Tier.Intern, "approved", PipelinePolicies.QaApprove, At, 0.02m, Lease);

        Assert.Null(StepRepetition.Find(task.History));
    }

    [Fact]
    public void FindWith_ADevRunAboutToFailTheSameWayAThirdTime_IsARepeatedRun()
    {
        var running = RunFailed(RunFailed(InReview().MoveTo(TaskState.Running, "qa-1", Tier.Intern, "revise", PipelinePolicies.QaRevise, At, leaseLength: Lease), 1), 2);

        var repeated = StepRepetition.FindWith(running, "dev-1", PipelinePolicies.RunFailedRetry, "dev-1's run failed: the process exited with code 1. Back to the backlog for attempt 4 of 5.");

        Assert.NotNull(repeated);
        Assert.Equal(("dev run", 3), (repeated.Step, repeated.Times));
        Assert.Null(StepRepetition.FindWith(running, "dev-1", PipelinePolicies.RunFailedRetry, "dev-1's run failed: out of disk. Back to the backlog for attempt 4 of 5."));
        Assert.Equal(2, running.History.Count(e => e.Policy == PipelinePolicies.RunFailedRetry)); // asking wrote nothing
    }
}
