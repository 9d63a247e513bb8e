using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Escalation;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;
using ClawClip.Core.Tests.Escalation.Support;

namespace ClawClip.Core.Tests.Escalation;

public sealed class EscalatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualClock clock = new(Start);
    private readonly MemoryTaskStore store;
    private readonly FixedTrust trust = new();
    private readonly HeldRunLocks locks = new();
    private readonly RecordingAlerts alerts;

    public EscalatorTests()
    {
        store = new MemoryTaskStore(clock);
        alerts = new RecordingAlerts { Committed = () => store.Uncommitted == 0 };
    }

    [Fact]
    public async Task Escalation_IsAlertedOnlyAfterItsDecisionIsCommittedToTheLineage()
    {
        trust.Set("dev-2", Tier.Junior);
        WaitingForApproval(Submitted());
        Running(Submitted(estimate: 1));
        clock.Advance(TimeSpan.FromHours(2));

        var done = await Escalator(Team("dev-1", "dev-2")).RunAsync(CancellationToken.None);

        Assert.Equal(2, done.Count);
        Assert.Equal([true, true], alerts.CommittedAtRaise);
    }

    [Fact]
    public async Task NeedsInput_IsEscalatedAtOnce_AndGoesBackToTheBacklogReservedForTheHigherTier()
    {
        trust.Set("dev-2", Tier.Junior);
        var task = WaitingForApproval(Submitted());

        var done = await Escalator(Team("dev-1", "dev-2")).RunAsync(CancellationToken.None);

        var escalation = Assert.Single(done);
        Assert.Equal(EscalationOutcome.Reassigned, escalation.Outcome);
        var after = store.Get(task.Id);
        Assert.Equal(TaskState.Backlog, after.Status);
        Assert.Equal(Tier.Junior, after.MinTier);
        Assert.Equal(EscalationPolicies.NeedsInput, after.History[^1].Policy);
        Assert.Contains("dev-2 (junior)", after.History[^1].Reason, StringComparison.Ordinal);
        var alert = Assert.Single(alerts.Raised);
        Assert.Equal(AlertKind.Escalation, alert.Kind);
        Assert.Equal(task.Id, alert.Task);
        Assert.Equal(AgentId.Parse("dev-1"), alert.Agent);
        Assert.Equal(1, store.Flushes);
    }

    [Fact]
    public async Task NeedsInput_ByDefault_GivesAPersonThirtyMinutes_BeforeItIsEscalated()
    {
        trust.Set("dev-2", Tier.Junior);
        var task = WaitingForApproval(Submitted());
        var escalator = Escalator(Team("dev-1", "dev-2"), EscalationSettings.Default);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Empty(await escalator.RunAsync(CancellationToken.None));
        Assert.Equal(TaskState.NeedsInput, store.Get(task.Id).Status);
        Assert.Empty(alerts.Raised);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(EscalationOutcome.Reassigned, Assert.Single(await escalator.RunAsync(CancellationToken.None)).Outcome);
        Assert.Single(alerts.Raised);
    }

    [Fact]
    public async Task Active_IsEscalatedWhenItsEstimatePlusThirtyMinutesHavePassed_NotBefore()
    {
        trust.Set("dev-2", Tier.Senior);
        var task = Running(Submitted(estimate: 20));
        var escalator = Escalator(Team("dev-1", "dev-2"));

        clock.Advance(TimeSpan.FromMinutes(49));
        Assert.Empty(await escalator.RunAsync(CancellationToken.None));
        Assert.Equal(TaskState.Running, store.Get(task.Id).Status);

        clock.Advance(TimeSpan.FromMinutes(1));
        var escalation = Assert.Single(await escalator.RunAsync(CancellationToken.None));
        Assert.Equal(EscalationPolicies.Overdue, escalation.Policy);
        Assert.Equal(EscalationOutcome.Reassigned, escalation.Outcome);
        Assert.Contains("estimate 20 min", escalation.Reason, StringComparison.Ordinal);
        Assert.Equal(Tier.Junior, store.Get(task.Id).MinTier); // a tier above the intern's: the senior qualifies
    }

    [Fact]
    public async Task Active_WithoutAnEstimate_IsEscalatedAfterTheDefaultOfAnHour()
    {
        trust.Set("dev-2", Tier.Junior);
        var task = Running(Submitted());
        var escalator = Escalator(Team("dev-1", "dev-2"));

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty(await escalator.RunAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(1));
        var escalation = Assert.Single(await escalator.RunAsync(CancellationToken.None));
        Assert.Contains("no estimate: 30 min assumed", escalation.Reason, StringComparison.Ordinal);
        Assert.Equal(TaskState.Backlog, store.Get(task.Id).Status);
    }

    [Fact]
    public async Task Active_CountsFromTheStartOfItsCurrentActiveStretch_NotFromAnEarlierOne()
    {
        trust.Set("dev-2", Tier.Junior);
        var task = Running(Submitted());
        clock.Advance(TimeSpan.FromMinutes(50));
        task = Move(task, TaskState.Backlog, "claw.clip", "released");
        clock.Advance(TimeSpan.FromMinutes(5));
        task = Running(task);
        clock.Advance(TimeSpan.FromMinutes(45)); // 100 minutes since the first claim, 45 into this stretch

        Assert.Empty(await Escalator(Team("dev-1", "dev-2")).RunAsync(CancellationToken.None));
        Assert.Equal(TaskState.Running, store.Get(task.Id).Status);
    }

    [Fact]
    public async Task NoHigherTier_NotifiesOnly_WithTheReasonInTheHistory_AndNotAgainAfterARestart()
    {
        trust.Set("dev-3", Tier.Senior); // a senior, but without the task's skill
        var task = WaitingForApproval(Submitted(skills: ["csharp"]));
        var team = new Team([Member("dev-1", ["csharp"]), Member("dev-3", ["docs"])]);

        var escalation = Assert.Single(await Escalator(team).RunAsync(CancellationToken.None));
        Assert.Equal(EscalationOutcome.NotifiedOnly, escalation.Outcome);
        var after = store.Get(task.Id);
        Assert.Equal(TaskState.NeedsInput, after.Status);
        var note = after.History[^1];
        Assert.Equal(TaskEventKind.Annotation, note.Kind);
        Assert.Equal(EscalationPolicies.NeedsInput, note.Policy);
        Assert.Contains("no dev of a tier above intern with its skills", note.Reason, StringComparison.Ordinal);
        Assert.Null(after.MinTier);

        // A restart: a new escalator over the same tasks, an hour later.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await Escalator(team).RunAsync(CancellationToken.None));
        Assert.Single(alerts.Raised);
        Assert.Equal(after.History.Count, store.Get(task.Id).History.Count);
    }

    [Fact]
    public async Task WhileItsAgentRunsIt_NotifiesWithoutTakingTheTask_ThenReassignsOnceTheRunEnds_WithoutASecondAlert()
    {
        trust.Set("dev-2", Tier.Junior);
        var task = Running(Submitted(estimate: 10));
        locks.Held.Add(task.Id);
        var escalator = Escalator(Team("dev-1", "dev-2"));
        clock.Advance(TimeSpan.FromMinutes(45));

        var first = Assert.Single(await escalator.RunAsync(CancellationToken.None));
        Assert.Equal(EscalationOutcome.NotifiedReassignLater, first.Outcome);
        Assert.Equal(TaskState.Running, store.Get(task.Id).Status);
        Assert.Contains("dev-1 is running it right now", first.Reason, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await escalator.RunAsync(CancellationToken.None)); // still running: nothing new to say

        locks.Held.Clear();
        var second = Assert.Single(await escalator.RunAsync(CancellationToken.None));
        Assert.Equal(EscalationOutcome.Reassigned, second.Outcome);
        Assert.False(second.Notified);
        Assert.Equal(TaskState.Backlog, store.Get(task.Id).Status);
        Assert.Single(alerts.Raised);
    }

    [Fact]
    public async Task Merging_PastItsThreshold_IsNotifiedOnly_TheMergeQueueKeepsIt()
    {
        trust.Set("dev-2", Tier.Junior);
        var task = Move(Move(Running(Submitted()), TaskState.Review, "dev-1", "checks passed"), TaskState.Merging, "qa-1", "approved");
        clock.Advance(TimeSpan.FromMinutes(61));

        var escalation = Assert.Single(await Escalator(Team("dev-1", "dev-2")).RunAsync(CancellationToken.None));

        Assert.Equal(EscalationOutcome.NotifiedOnly, escalation.Outcome);
        Assert.Equal(TaskState.Merging, store.Get(task.Id).Status);
        Assert.Contains("merge queue", escalation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitingOnProtectedPaths_IsNotifiedOnly_SinceAHigherTiersRedoWouldWaitTheSame()
    {
        trust.Set("dev-2", Tier.Principal);
        var merging = Move(Move(Running(Submitted()), TaskState.Review, "dev-1", "checks passed"), TaskState.Merging, "qa-1", "approved");
        var parked = merging.MoveTo(TaskState.NeedsInput, "clawclip", null, "touches clawclip.yaml: clawclip approve", ClawClip.Core.Protection.ProtectionPolicies.ProtectedPath, clock.GetUtcNow());
        store.Put(parked);

        var escalation = Assert.Single(await Escalator(Team("dev-1", "dev-2")).RunAsync(CancellationToken.None));

        Assert.Equal(EscalationOutcome.NotifiedOnly, escalation.Outcome);
        Assert.Equal(TaskState.NeedsInput, store.Get(parked.Id).Status);
        Assert.Contains("protected paths", escalation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewStretch_AfterAnEscalatedOne_IsEscalatedAgain()
    {
        var task = WaitingForApproval(Submitted());
        var escalator = Escalator(Team("dev-1"));
        Assert.Single(await escalator.RunAsync(CancellationToken.None)); // notified only: no higher tier

        task = Move(store.Get(task.Id), TaskState.Running, "human", "answered");
        clock.Advance(TimeSpan.FromMinutes(61));

        var escalation = Assert.Single(await escalator.RunAsync(CancellationToken.None));
        Assert.Equal(EscalationPolicies.Overdue, escalation.Policy);
        Assert.Equal(2, alerts.Raised.Count);
    }

    // Needs-input is escalated at once here unless a test says otherwise, so the tests about what an escalation does need no clock.
    private Escalator Escalator(Team team, EscalationSettings? settings = null) =>
        new(store, trust, locks, store, alerts, team, settings ?? EscalationSettings.Default with { NeedsInputAfter = TimeSpan.Zero }, clock, new SilentObserver());

    private static Team Team(params string[] devs) => new([.. devs.Select(d => Member(d, []))]);

    private static TeamMember Member(string name, IReadOnlyList<string> skills)
    {
        var id = AgentId.Parse(name);
        var definition = new AgentDefinition(id, AgentRole.Dev, AgentRuntime.Command, null, ["true"], skills, null, 1, [], new AgentIdentity(name, name + "@agents.clawclip.invalid"), []);
        return new TeamMember(definition, new NeverRuns(), new Dictionary<string, string>(), string.Empty);
    }

    private TaskRecord Submitted(int? estimate = null, IReadOnlyList<string>? skills = null)
    {
        var definition = new TaskDefinition("Write the answer", "spec", [], 50, skills ?? [], null, [], 3) { EstimateMinutes = estimate };
        var task = TaskRecord.Submit(TaskId.Parse($"T-{store.ListAsync(CancellationToken.None).Result.Count + 1:0000}"), definition, "human", "submitted", "intake.submit", clock.GetUtcNow());
        store.Put(task);
        return task;
    }

    private TaskRecord Running(TaskRecord task)
    {
        var claimed = task.Claim(AgentId.Parse("dev-1"), Tier.Intern, clock.GetUtcNow(), TimeSpan.FromMinutes(30), "claimed", "claim.priority-and-skills");
        store.Put(claimed);
        return Move(claimed, TaskState.Running, "dev-1", "worktree ready");
    }

    private TaskRecord WaitingForApproval(TaskRecord task) =>
        Move(Move(Running(task), TaskState.Review, "dev-1", "checks passed"), TaskState.NeedsInput, "qa-1", "qa-1 approved; dev-1 is an intern: clawclip approve");

    private TaskRecord Move(TaskRecord task, TaskState to, string actor, string reason)
    {
        var moved = task.MoveTo(to, actor, null, reason, "test", clock.GetUtcNow(), leaseLength: to.IsHeld() ? TimeSpan.FromMinutes(30) : null);
        store.Put(moved);
        return moved;
    }
}
