using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Budgets;
using ClawClip.Core.Goals;
using ClawClip.Core.Merging;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Policies;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Planning;

/// <summary>
/// The PM: reads ROADMAP.md as committed on the target branch and compares its goals with what it planned before. A
/// new, edited or unticked goal goes to the planner agent, whose tasks enter the backlog; a goal the person ticks or
/// deletes cancels its open tasks; a goal whose tasks all landed a commit the branch contains gets its box ticked on
/// the branch (a task that is done with no landing on the branch ticks nothing). A goal with a failed task is marked
/// failed and a person is alerted; once that task is retried, the goal is planned again. Planner output that is
/// unusable follows the trigger→planner policy: by default a warning, and the tasks already planned stay valid.
/// </summary>
public sealed class RoadmapPlanner
{
    private static readonly Actor Pm = new("clawclip-pm", new AgentIdentity("clawclip-pm", "pm@clawclip.invalid"), null);

    // Planners read the repository; they do not change it.
    private static readonly string[] PlannerTools = ["Read", "Glob", "Grep", "Bash(git log*)", "Bash(git show*)"];

    private readonly IRoadmapSource source;
    private readonly IGoalStore goals;
    private readonly ITaskStore store;
    private readonly IAgentTrust trust;
    private readonly IEmergencyStop emergencyStop;
    private readonly IRoadmapTicker ticker;
    private readonly ICommitAncestry ancestry;
    private readonly IAlerts alerts;
    private readonly IMergeLock mergeLock;
    private readonly ILineageWriter lineage;
    private readonly IPlanningWorkspace planningCopies;
    private readonly Team team;
    private readonly PlannerSettings settings;
    private readonly TimeProvider time;
    private readonly IPipelineObserver observer;

    public RoadmapPlanner(
        IRoadmapSource source,
        IGoalStore goals,
        ITaskStore store,
        IAgentTrust trust,
        IEmergencyStop emergencyStop,
        IRoadmapTicker ticker,
        ICommitAncestry ancestry,
        IAlerts alerts,
        IMergeLock mergeLock,
        ILineageWriter lineage,
        IPlanningWorkspace planningCopies,
        Team team,
        PlannerSettings settings,
        TimeProvider time,
        IPipelineObserver observer)
    {
        this.source = source;
        this.goals = goals;
        this.store = store;
        this.trust = trust;
        this.emergencyStop = emergencyStop;
        this.ticker = ticker;
        this.ancestry = ancestry;
        this.alerts = alerts;
        this.mergeLock = mergeLock;
        this.lineage = lineage;
        this.planningCopies = planningCopies;
        this.team = team;
        this.settings = settings;
        this.time = time;
        this.observer = observer;
    }

    /// <summary>One PM run: plan what is new, cancel what was withdrawn, tick what is done.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PlanAndTickAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await lineage.FlushLineageAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task PlanAndTickAsync(CancellationToken cancellationToken)
    {
        if (await ReadRoadmapAsync(cancellationToken).ConfigureAwait(false) is not var (onMain, read))
        {
            return;
        }

        var records = (await goals.ReadGoalsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(g => g.Id);
        foreach (var goal in read.Goals.Where(g => !read.Goals.Any(child => child.Parent == g.Id)))
        {
            records.TryGetValue(goal.Id, out var record);
            var fingerprint = GoalRecord.FingerprintOf(goal);
            if (goal.Done)
            {
                if (record is { Status: GoalStatus.Planned or GoalStatus.PlanningFailed or GoalStatus.Failed })
                {
                    await WithdrawAsync(record, $"the person ticked {goal.Id} in ROADMAP.md before its tasks were done", cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var retryDue = record is { Status: GoalStatus.PlanningFailed } && time.GetUtcNow() - record.UpdatedAt >= settings.RetryFailedAfter;
            if (record is null || record.Fingerprint != fingerprint || record.Status is GoalStatus.Done or GoalStatus.Canceled || retryDue)
            {
                if (record is { Status: GoalStatus.Planned or GoalStatus.Failed })
                {
                    await CancelOpenTasksAsync(record, $"{goal.Id} was edited in ROADMAP.md; it is planned again", cancellationToken).ConfigureAwait(false);
                }

                await PlanAsync(goal, record, onMain.Commit, fingerprint, cancellationToken).ConfigureAwait(false);
            }
            else if (record.Status is GoalStatus.Planned or GoalStatus.Failed)
            {
                onMain = await FollowTasksAsync(onMain, goal, record, cancellationToken).ConfigureAwait(false) ?? onMain;
            }
        }

        // Goals the roadmap no longer has.
        foreach (var record in records.Values.Where(r => r.Status is GoalStatus.Planned or GoalStatus.PlanningFailed or GoalStatus.Failed && read.Goals.All(g => g.Id != r.Id)))
        {
            await WithdrawAsync(record, $"{record.Id} is no longer in ROADMAP.md", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(RoadmapOnMain OnMain, RoadmapGoalsRead Read)?> ReadRoadmapAsync(CancellationToken cancellationToken)
    {
        var onMain = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        switch (onMain?.Result)
        {
            case null:
                observer.Said($"{settings.Target} has no ROADMAP.md: nothing to plan");
                return null;
            case RoadmapProblem problem:
                var decision = settings.FailurePolicy.Decide(Handoff.TriggerToPlanner, PipelineText.FirstLine(problem.Message));
                observer.Warned(null, decision.Reason);
                return null;
            case RoadmapGoalsRead read:
                return (onMain, read);
            default:
                return null;
        }
    }

    private async Task PlanAsync(RoadmapGoal goal, GoalRecord? before, string commit, string fingerprint, CancellationToken cancellationToken)
    {
        var planner = team.Members
            .Where(m => m.Definition.Role == AgentRole.Planner && m.Definition.IsAvailableAt(time.GetUtcNow()))
            .OrderBy(m => m.Name.Value, StringComparer.Ordinal)
            .FirstOrDefault();
        if (planner is null)
        {
            observer.Said($"{goal.Id} waits: no planner agent is configured or available now");
            return;
        }

        var tier = (await trust.ReadTrustAsync(planner.Name, cancellationToken).ConfigureAwait(false)).Tier;
        var policy = TierPolicy.For(tier) with { AllowedTools = PlannerTools };
        var skills = team.Devs.SelectMany(d => d.Definition.Skills).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        observer.Said($"{planner.Name} plans {goal.Id}: {goal.Text}");
        AgentRunResult result;

        // The planner reads a copy of its own at the goal's commit, never the repository's root.
        var copy = await planningCopies.PrepareAsync(goal.Id, commit, cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new AgentRunRequest(planner.Name, PlannerPrompts.Plan(goal, skills), PlannerPrompts.Rules(planner), copy.Path, planner.Environment, policy, settings.RunTimeout ?? policy.Lease)
            {
                NewSessionId = Guid.NewGuid().ToString(),
                JsonSchema = PlannerAnswer.Schema,
                ReadOnlyPaths = copy.Borrowed,
            };
            result = await planner.Runtime.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await planningCopies.RemoveAsync(goal.Id, CancellationToken.None).ConfigureAwait(false);
        }

        var problem = PipelineText.FirstLine(result.Failure ?? "the run failed");
        var planned = result.Succeeded ? PlannerAnswer.TryParse(result.StructuredOutput ?? result.Result, out problem) : null;
        var actor = Actor.Agent(planner.Name, tier);

        // The planner's run is paid for like any other: the goal file records it (the budgets count it with the goal's
        // tasks), its lineage commit carries the cost, and so does the planner's trust.json.
        var run = new PlanningRun(planner.Name, time.GetUtcNow(), Money.Round(result.CostUsd), result.Turns, result.Tokens, result.SessionId);
        IReadOnlyList<PlanningRun> runs = [.. before?.PlanningRuns ?? [], run];
        var spent = $"{planner.Name}'s run: {result.Turns} turns, {PipelineText.Usd(run.CostUsd)} USD.";
        if (planned is null)
        {
            var decision = settings.FailurePolicy.Decide(Handoff.TriggerToPlanner, $"{planner.Name}'s plan for {goal.Id} is unusable: {PipelineText.FirstLine(problem)}");
            observer.Warned(null, decision.Reason);
            var failed = new GoalRecord(goal.Id, goal.Text, fingerprint, GoalStatus.PlanningFailed, [], decision.Reason, time.GetUtcNow()) { PlanningRuns = runs };
            await goals.WriteGoalAsync(failed, actor, $"{goal.Id} planning failed", $"warning: {decision.Reason}. {spent}", decision.Policy, cancellationToken).ConfigureAwait(false);
            await CreditAsync(planner, run, goal, cancellationToken).ConfigureAwait(false);
            if (!decision.Continue)
            {
                await emergencyStop.StopAsync(actor, decision.Reason, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var ids = new Dictionary<string, TaskId>(StringComparer.Ordinal);
        foreach (var task in planned)
        {
            var definition = new TaskDefinition(task.Title, task.Spec, task.Acceptance, task.Priority, task.Skills, goal.Id, [.. task.DependsOn.Select(key => ids[key])], TaskDefinition.DefaultMaxAttempts)
            {
                EstimateMinutes = task.EstimateMinutes > 0 ? task.EstimateMinutes : null,
            };
            var submitted = await store.SubmitAsync(definition, actor, $"planned by {planner.Name} for {goal.Id} \"{goal.Text}\" from ROADMAP.md at {PipelineText.Short(commit)}; estimate {task.EstimateMinutes} min.", cancellationToken).ConfigureAwait(false);
            ids[task.Key] = submitted.Id;
        }

        var record = new GoalRecord(goal.Id, goal.Text, fingerprint, GoalStatus.Planned, [.. ids.Values], $"{planned.Count} task(s) planned by {planner.Name} from ROADMAP.md at {PipelineText.Short(commit)}", time.GetUtcNow()) { PlanningRuns = runs };
        await goals.WriteGoalAsync(record, actor, $"{goal.Id} planned: {planned.Count} task(s)", $"{planner.Name} broke \"{goal.Text}\" into {string.Join(", ", ids.Values)}. {spent}", PlanningPolicies.GoalPlanned, cancellationToken).ConfigureAwait(false);
        await CreditAsync(planner, run, goal, cancellationToken).ConfigureAwait(false);
        observer.Said($"{goal.Id} planned: {string.Join(", ", ids.Values)}");
    }

    // After the goal file that records the run, like a task event's cost (TaskMoves).
    private async Task CreditAsync(TeamMember planner, PlanningRun run, RoadmapGoal goal, CancellationToken cancellationToken)
    {
        if (run.CostUsd > 0m)
        {
            await trust.RecordSpendAsync(planner.Name, run.CostUsd, $"{planner.Name}'s planner run for {goal.Id}.", cancellationToken).ConfigureAwait(false);
        }
    }

    // A planned (or failed) goal as its tasks stand: failed while one of them is, planned again once none is, ticked
    // when each landed a commit that the roadmap's commit contains. Returns the roadmap read again after a tick.
    private async Task<RoadmapOnMain?> FollowTasksAsync(RoadmapOnMain onMain, RoadmapGoal goal, GoalRecord record, CancellationToken cancellationToken)
    {
        var tasks = new List<(TaskId Id, TaskRecord? Task)>();
        foreach (var id in record.Tasks)
        {
            tasks.Add((id, await store.FindAsync(id, cancellationToken).ConfigureAwait(false)));
        }

        var failed = tasks.Where(t => t.Task is { Status: TaskState.Failed }).Select(t => t.Task!).ToList();
        if (failed.Count > 0)
        {
            if (record.Status != GoalStatus.Failed)
            {
                await MarkFailedAsync(goal, record, failed, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        if (record.Status == GoalStatus.Failed)
        {
            record = record with { Status = GoalStatus.Planned, Note = "no task of it is failed any more", UpdatedAt = time.GetUtcNow() };
            await goals.WriteGoalAsync(record, Pm, $"{goal.Id} planned again", $"no task of \"{goal.Text}\" is failed any more (a person retried it): the goal is under way again.", PlanningPolicies.GoalResumed, cancellationToken).ConfigureAwait(false);
            observer.Said($"{goal.Id} is under way again: no task of it is failed any more");
        }

        if (record.Tasks.Count == 0 || tasks.Any(t => t.Task is not { Status: TaskState.Done }))
        {
            return null;
        }

        var landings = new List<string>();
        foreach (var (id, task) in tasks)
        {
            var commit = task!.History.LastOrDefault(e => e.To == TaskState.Done)?.Commit;
            if (commit is null || !await ancestry.ContainsAsync(onMain.Commit, commit, cancellationToken).ConfigureAwait(false))
            {
                // Done is not enough: the box says the code is on the branch, so the code must be there.
                observer.Said($"{goal.Id} is not ticked: {id} is done but {(commit is null ? "names no landed commit" : $"its landing {PipelineText.Short(commit)} is not on {settings.Target}")}");
                return null;
            }

            landings.Add($"{id} as {PipelineText.Short(commit)}");
        }

        return await TickAsync(onMain, goal, record, landings, cancellationToken).ConfigureAwait(false);
    }

    private async Task MarkFailedAsync(RoadmapGoal goal, GoalRecord record, List<TaskRecord> failed, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", failed.Select(t => t.Id));
        var why = string.Join("; ", failed.Select(t => $"{t.Id}: {PipelineText.FirstLine(t.LastTransition.Reason)}"));
        var note = $"{names} failed; `clawclip retry` sends {(failed.Count == 1 ? "it" : "them")} back ({why})";
        await goals.WriteGoalAsync(record with { Status = GoalStatus.Failed, Note = note, UpdatedAt = time.GetUtcNow() }, Pm, $"{goal.Id} failed: {names} failed", $"\"{goal.Text}\" cannot be done while {names} {(failed.Count == 1 ? "is" : "are")} failed: {why}. A person retries with `clawclip retry`, or edits the goal.", PlanningPolicies.GoalFailed, cancellationToken).ConfigureAwait(false);
        observer.Warned(null, $"{goal.Id} failed: {note}");

        // Committed first, sent after: the alert names a decision the lineage already holds.
        await lineage.FlushAndWaitAsync(cancellationToken).ConfigureAwait(false);
        await alerts.RaiseAsync(
            new Alert(AlertKind.GoalFailed, $"{goal.Id} failed: {names} failed", $"\"{goal.Text}\" cannot be done until a person retries {names} (`clawclip retry ID --reason ...`) or edits the goal. {why}", time.GetUtcNow())
            {
                Task = failed[0].Id,
                Fields = [new("Goal", goal.Id.Value), new("Failed", names)],
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<RoadmapOnMain?> TickAsync(RoadmapOnMain onMain, RoadmapGoal goal, GoalRecord record, IReadOnlyList<string> landings, CancellationToken cancellationToken)
    {
        // The tick moves the branch like a merge does, so it waits its turn behind the merge queue.
        using var held = await WaitForMergeLockAsync(cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            observer.Said($"{goal.Id} is done; the merge queue was busy for {settings.MergeLockWait}, so its box is ticked on the next run");
            return null;
        }

        var commit = await ticker.TickAsync(onMain, goal, $"Tick {goal.Id}: {goal.Text}\n\nEvery task planned for it landed: {string.Join(", ", landings)}.", cancellationToken).ConfigureAwait(false);
        if (commit is null)
        {
            observer.Said($"{goal.Id} is done, but {settings.Target} moved or its ROADMAP.md line changed since it was read; the next run ticks it");
            return null;
        }

        var done = record with { Status = GoalStatus.Done, Note = $"ticked on {settings.Target} as {PipelineText.Short(commit)}", UpdatedAt = time.GetUtcNow() };
        await goals.WriteGoalAsync(done, Pm, $"{goal.Id} done: ticked in ROADMAP.md", $"every task of \"{goal.Text}\" landed ({string.Join(", ", landings)}); the box is ticked on {settings.Target} as {PipelineText.Short(commit)}.", PlanningPolicies.GoalDone, cancellationToken).ConfigureAwait(false);
        observer.Said($"{goal.Id} done: ticked on {settings.Target} as {PipelineText.Short(commit)}");
        return await source.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IDisposable?> WaitForMergeLockAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + settings.MergeLockWait;
        while (true)
        {
            if (await mergeLock.TryAcquireAsync(cancellationToken).ConfigureAwait(false) is { } held)
            {
                return held;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WithdrawAsync(GoalRecord record, string why, CancellationToken cancellationToken)
    {
        var canceled = await CancelOpenTasksAsync(record, why, cancellationToken).ConfigureAwait(false);
        var withdrawn = record with { Status = GoalStatus.Canceled, Note = why, UpdatedAt = time.GetUtcNow() };
        await goals.WriteGoalAsync(withdrawn, Pm, $"{record.Id} withdrawn", $"{why}: {(canceled.Count == 0 ? "no open task to cancel" : "canceled " + string.Join(", ", canceled))}.", PlanningPolicies.GoalWithdrawn, cancellationToken).ConfigureAwait(false);
        observer.Said($"{record.Id} withdrawn: {why}");
    }

    private async Task<List<TaskId>> CancelOpenTasksAsync(GoalRecord record, string why, CancellationToken cancellationToken)
    {
        var canceled = new List<TaskId>();
        foreach (var id in record.Tasks)
        {
            if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } task || !TaskTransitions.IsAllowed(task.Status, TaskState.Canceled))
            {
                continue;
            }

            var request = new TransitionRequest(id, TaskState.Canceled, Pm, why + ".", PlanningPolicies.GoalWithdrawn) { ExpectedFrom = task.Status };
            if (await store.TransitionAsync(request, cancellationToken).ConfigureAwait(false) is TransitionResult.Moved)
            {
                canceled.Add(id);
            }
        }

        return canceled;
    }
}
