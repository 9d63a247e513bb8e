using System.Collections.Concurrent;
using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Budgets;
using ClawClip.Core.Merging;
using ClawClip.Core.Outages;
using ClawClip.Core.Policies;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// Carries a task its dev holds through the review loop: the dev runs in the task's worktree; its result meets
/// the dev→QA check (build and tests); a reviewer approves it (to the merge queue, or to a person when the dev
/// is an intern) or asks for a revision, up to <see cref="MaxReviseRounds"/> rounds. Each step is a
/// transition with its reason and rule, so the lineage tells why the task went where it went.
/// </summary>
public sealed class TaskPipeline
{
    /// <summary>Revise rounds a task gets; the reviewer asking once more fails it.</summary>
    public const int MaxReviseRounds = 3;

    /// <summary>Times the merge queue may send a task back before it fails.</summary>
    public const int MaxMergeBounces = 3;

    private readonly IAgentFiles agentFiles;
    private readonly IAgentTrust trust;
    private readonly IWorktrees worktrees;
    private readonly RestoringChecks checks;
    private readonly Team team;
    private readonly PipelineSettings settings;
    private readonly TimeProvider time;
    private readonly IPipelineObserver observer;
    private readonly TaskMoves moves;
    private readonly ReviewStep review;
    private readonly TaskSettlement settlement;
    private readonly TaskStops stops;
    private readonly OutageKeeper outages;

    // Sessions of dev runs started and not yet ended, by task: what a stop that kills the run records on the release.
    private readonly ConcurrentDictionary<TaskId, string> unfinished = new();

    public TaskPipeline(
        ITaskStore store,
        IAgentFiles agentFiles,
        IAgentTrust trust,
        IWorktrees worktrees,
        IWorkChecks checks,
        Team team,
        PipelineSettings settings,
        TimeProvider time,
        IPipelineObserver observer,
        IRunLeftovers? leftovers = null,
        IAlerts? alerts = null)
    {
        this.agentFiles = agentFiles;
        this.trust = trust;
        this.worktrees = worktrees;
        this.checks = new RestoringChecks(checks, worktrees);
        this.team = team;
        this.settings = settings;
        this.time = time;
        this.observer = observer;
        Leftovers = leftovers ?? NoLeftovers.Instance;
        Slots = new AgentSlots(team);
        moves = new TaskMoves(store, trust);
        settlement = new TaskSettlement(trust, worktrees, settings.TrustRules);
        stops = new TaskStops(moves, alerts ?? NoAlerts.Instance, time);
        review = new ReviewStep(agentFiles, trust, worktrees, this.checks, team, settings, time, observer, moves, Leftovers, Slots, stops);
        outages = OutageKeeper.InMemory(time, team.ModelAgents);
        review.Outages = outages;
    }

    /// <summary>
    /// Rides out model API outages: a run the API failed is tried again after a backoff, and counts as neither an
    /// attempt nor a trust failure; an agent failing so too often is paused. Kept in memory unless given one over
    /// <c>state/outage.json</c>.
    /// </summary>
    public OutageKeeper Outages
    {
        get => outages;
        init
        {
            outages = value;
            review.Outages = value;
        }
    }

    /// <summary>Where runs record what they start, and how what a dead runner left is stopped.</summary>
    public IRunLeftovers Leftovers { get; }

    /// <summary>How the pipeline runs: the target, the failure policy, how many tasks at once.</summary>
    internal PipelineSettings Settings => settings;

    /// <summary>Each agent's runs going on now, against its <c>max_concurrent_tasks</c>.</summary>
    internal AgentSlots Slots { get; }

    /// <summary>
    /// The session of the dev run on <paramref name="task"/> that this process started and that never ended (a stop
    /// killed it), forgotten once asked for; null when there is none.
    /// </summary>
    public string? TakeUnfinishedSession(TaskId task) => unfinished.TryRemove(task, out var session) ? session : null;

    /// <summary>
    /// Takes <paramref name="task"/> (claimed, running or in review, held by one of the team's devs) as far as it
    /// goes: to merging, to needs-input (an intern's approved work), back to the backlog after a failed run, to
    /// failed, or — when no reviewer is available — left in review. Returns it as it ends up.
    /// </summary>
    public async Task<TaskRecord> AdvanceAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        var dev = team.Find(task.Holder)
            ?? throw new InvalidOperationException($"{task.Id} is held by {task.Holder ?? "nobody"}, which is not a configured agent");
        var worktree = await worktrees.EnsureAsync(task.Id, settings.Target, cancellationToken).ConfigureAwait(false);
        var feedback = DevFeedback.None;
        if (task.Status == TaskState.Claimed)
        {
            task = await moves.MoveAsync(task, TaskState.Running, dev, $"worktree ready at {worktree.Path} on {worktree.Branch}, from {settings.Target}.", PipelinePolicies.DevStart, cancellationToken).ConfigureAwait(false);
        }
        else if (task.Status == TaskState.Running)
        {
            (task, feedback) = await FeedbackOnResumeAsync(task, dev, worktree, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            DevResult? result = null;
            if (task.Status == TaskState.Running)
            {
                (task, result) = await DevelopAsync(task, dev, worktree, feedback, cancellationToken).ConfigureAwait(false);
            }

            if (task.Status != TaskState.Review)
            {
                return await SettleAsync(task, cancellationToken).ConfigureAwait(false);
            }

            (task, feedback) = await review.ReviewAsync(task, dev, worktree, result, cancellationToken).ConfigureAwait(false);
            if (task.Status != TaskState.Running)
            {
                return await SettleAsync(task, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Where the task's step ended: settled as the merge queue settles what it lands (TaskSettlement), then told.
    private async Task<TaskRecord> SettleAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        await settlement.SettleAsync(task, cancellationToken).ConfigureAwait(false);
        observer.Noted(task.Id, $"{task.Status.Name()}: {PipelineText.FirstLine(task.History[^1].Reason)}");
        return task;
    }

    private async Task<(TaskRecord Task, DevFeedback Feedback)> FeedbackOnResumeAsync(TaskRecord task, TeamMember dev, Worktree worktree, CancellationToken cancellationToken)
    {
        var last = task.LastTransition; // an escalation's note since then changes nothing here
        if (last.From == TaskState.Review)
        {
            var snapshot = await agentFiles.ReadSnapshotAsync(dev.Name, cancellationToken).ConfigureAwait(false);
            var comments = snapshot.Task == task.Id ? snapshot.QaComments : [];
            return (task, new DevFeedback(comments, last.Reason, null, null, [], PipelineText.RevisionsAsked(task)));
        }

        if (last.From != TaskState.Merging)
        {
            return (task, DevFeedback.None);
        }

        var bounces = PipelineText.CurrentAttempt(task).Count(e => e.From == TaskState.Merging && e.To == TaskState.Running);
        if (bounces > MaxMergeBounces)
        {
            var failed = await moves.MoveAsync(task, TaskState.Failed, Actor.ClawClip, $"the merge queue sent the work back {bounces} times (at most {MaxMergeBounces}); the last time: {PipelineText.FirstLine(last.Reason)}", PipelinePolicies.MergeBounceLimit, cancellationToken).ConfigureAwait(false);
            return (failed, DevFeedback.None);
        }

        IReadOnlyList<string> conflicts = [];
        if (last.Policy == MergePolicies.Conflict)
        {
            conflicts = await worktrees.MergeFromAsync(worktree, settings.Target, dev.Definition.Git, cancellationToken).ConfigureAwait(false);
        }

        return (task, new DevFeedback([], null, null, last.Reason, conflicts, 0));
    }

    private async Task<(TaskRecord Task, DevResult? Result)> DevelopAsync(TaskRecord task, TeamMember dev, Worktree worktree, DevFeedback feedback, CancellationToken cancellationToken)
    {
        var spent = new RunSpend();
        for (var round = 1; ; round++)
        {
            if (TaskBudget.Exceeded(task, spent.Spend, settings.Budgets.Task) is { } overBudget)
            {
                observer.Warned(task.Id, overBudget);
                return (await moves.MoveAsync(task, TaskState.NeedsInput, dev, overBudget, BudgetPolicies.TaskLimit, cancellationToken, spent).ConfigureAwait(false), null);
            }

            var policy = TierPolicy.For((await trust.ReadTrustAsync(dev.Name, cancellationToken).ConfigureAwait(false)).Tier);
            policy = TaskBudget.CapRun(policy, task, spent.Spend, settings.Budgets.Task);
            var run = await RunDevAsync(task, dev, worktree, feedback, policy, cancellationToken).ConfigureAwait(false);
            spent.Add(run.Result);

            // Every run tells the outage keeper how the API answered: an outage is recorded, any answer ends one.
            var outage = await outages.AfterRunAsync(dev.Name, task.Id, run.Result, cancellationToken).ConfigureAwait(false);
            if (!run.Result.Succeeded)
            {
                var ended = outage is not null
                    ? await DevRunHitOutageAsync(task, dev, run, outage, spent, cancellationToken).ConfigureAwait(false)
                    : await DevRunFailedAsync(task, dev, run, spent, cancellationToken).ConfigureAwait(false);
                if (ended is null)
                {
                    round--; // the model's API failed, not the dev: the same round runs again, its session kept
                    continue;
                }

                return (ended, null);
            }

            if (run.Diff.Files.Count == 0)
            {
                // Nothing to check, review or land: a result with no change never goes on, so nothing reaches done without code.
                var nothing = $"{dev.Name}'s run left {worktree.Branch} with no change against {settings.Target}";
                if (round >= policy.CheckRounds)
                {
                    observer.Noted(task.Id, $"{nothing}: a person decides");
                    return (await moves.MoveAsync(task, TaskState.NeedsInput, dev, $"{nothing}, {round} round(s) in a row, the most {PipelineText.Article(policy.Tier.Name())} {policy.Tier.Name()} gets; a person decides: `clawclip retry {task.Id}` sends it back, or cancel its goal.", PipelinePolicies.NoChangeRoundsUsed, cancellationToken, spent, run.Session).ConfigureAwait(false), null);
                }

                observer.Noted(task.Id, $"no change: back to {dev.Name} (round {round + 1} of {policy.CheckRounds})");
                task = await moves.AnnotateRunAsync(task, dev, $"{nothing} (round {round} of {policy.CheckRounds}): back to {dev.Name}, with \"no change\" in its prompt.", PipelinePolicies.NoChange, spent, run.Session, cancellationToken).ConfigureAwait(false);
                spent = new RunSpend(); // the round's run is on its annotation
                if (StepRepetition.Find(task.History) is { } sameChange)
                {
                    return (await stops.StopAsync(task, dev, TaskStops.RepeatedReason(task, sameChange), PipelinePolicies.StepRepeated, cancellationToken).ConfigureAwait(false), null);
                }

                feedback = feedback with { FailedCheck = null, MergeProblem = null, ConflictedFiles = [], NoChange = true };
                continue;
            }

            var check = await checks.RunAsync(worktree.Path, Leftovers.RecordFor(task.Id), cancellationToken).ConfigureAwait(false);
            var result = new DevResult(run.Diff, check);
            var data = $"{worktree.Branch} @ {PipelineText.Short(run.Diff.Head)}; checks: {check.Summary}";
            if (check.Passed)
            {
                observer.Noted(task.Id, $"{dev.Name}'s result passed the checks ({check.Summary})");
                return (await moves.MoveAsync(task, TaskState.Review, dev, $"{dev.Name}'s result passed the checks ({check.Summary}); it goes to review.", PipelinePolicies.ChecksPassed, cancellationToken, spent, run.Session, data).ConfigureAwait(false), result);
            }

            var decision = settings.FailurePolicy.Decide(Handoff.DevToQa, check.Summary);
            if (decision.Continue)
            {
                observer.Warned(task.Id, decision.Reason);
                return (await moves.MoveAsync(task, TaskState.Review, dev, $"warning: {decision.Reason}.", decision.Policy, cancellationToken, spent, run.Session, data).ConfigureAwait(false), result);
            }

            if (round >= policy.CheckRounds)
            {
                return (await moves.MoveAsync(task, TaskState.Failed, dev, $"{decision.Reason}; {round} round(s) in a row failed the checks, the most {PipelineText.Article(policy.Tier.Name())} {policy.Tier.Name()} gets.\n{PipelineText.Tail(check.Output)}", PipelinePolicies.ChecksFailedTooOften, cancellationToken, spent, run.Session, data).ConfigureAwait(false), null);
            }

            observer.Noted(task.Id, $"{check.Summary}: back to {dev.Name} (round {round + 1} of {policy.CheckRounds})");

            // Every round is in the task's history, not only the last: what each one failed on is what a person reads first.
            // Each round's annotation carries what its run cost, so the budgets see it at once and nothing is lost if
            // the process dies before the step ends.
            task = await moves.AnnotateRunAsync(task, dev, $"{dev.Name}'s result failed the checks (round {round} of {policy.CheckRounds}): {check.Summary}; back to {dev.Name} with the output.\n{PipelineText.Tail(check.Output, 2_000)}", PipelinePolicies.ChecksFailedRound, spent, run.Session, cancellationToken).ConfigureAwait(false);
            spent = new RunSpend();
            if (StepRepetition.Find(task.History) is { } sameFailure)
            {
                return (await stops.StopAsync(task, dev, TaskStops.RepeatedReason(task, sameFailure), PipelinePolicies.StepRepeated, cancellationToken).ConfigureAwait(false), null);
            }

            // Written whole for this task: the dev's snapshot may be about another task it works on at the same time.
            await agentFiles.SaveSnapshotAsync(
                new ContextSnapshot(dev.Name, task.Id, run.Keep, $"checks failed: {check.Summary}", run.Diff.Files, feedback.Comments, time.GetUtcNow()),
                $"{task.Id}: {decision.Reason}; back to {dev.Name} with the output (round {round + 1} of {policy.CheckRounds}).",
                cancellationToken).ConfigureAwait(false);
            feedback = feedback with { FailedCheck = check, MergeProblem = null, ConflictedFiles = [], NoChange = false };
        }
    }

    private async Task<DevRun> RunDevAsync(TaskRecord task, TeamMember dev, Worktree worktree, DevFeedback feedback, TierPolicy policy, CancellationToken cancellationToken)
    {
        var snapshot = await agentFiles.ReadSnapshotAsync(dev.Name, cancellationToken).ConfigureAwait(false);
        var mine = snapshot.Task == task.Id;

        // The snapshot holds one task; a dev working on several at once resumes this one's session from its history.
        var resume = TaskSessions.ToResume(snapshot, task, dev.Name);
        var session = resume ?? Guid.NewGuid().ToString();
        if (!mine || resume is null)
        {
            // Saved before the run starts: if the run dies half-way, the retry resumes this session.
            snapshot = new ContextSnapshot(dev.Name, task.Id, session, mine ? snapshot.Summary : resume is null ? "starting" : "resuming", mine ? snapshot.FilesTouched : [], feedback.Comments, time.GetUtcNow());
            await agentFiles.SaveSnapshotAsync(snapshot, $"{dev.Name} {(resume is null ? "starts" : "resumes")} session {session} on {task.Id}.", cancellationToken).ConfigureAwait(false);
        }

        observer.Noted(task.Id, resume is null ? $"{dev.Name} starts (session {session})" : $"{dev.Name} resumes session {resume}");
        var handoff = await AgentHandoff.ToDevAsync(task, dev.Name, agentFiles.ReadOutboxAsync, cancellationToken).ConfigureAwait(false);
        var request = new AgentRunRequest(dev.Name, Prompts.Dev(task, worktree, settings.Target, feedback, handoff), Prompts.DevRules(dev), worktree.Path, dev.Environment, policy, settings.RunTimeout ?? policy.Lease)
        {
            ResumeSessionId = resume,
            NewSessionId = resume is null ? session : null,
            ProcessGroupFile = Leftovers.RecordFor(task.Id),
            ReadOnlyPaths = worktree.Borrowed,
        };
        unfinished[task.Id] = session;
        var result = await dev.Runtime.RunAsync(request, cancellationToken).ConfigureAwait(false);
        unfinished.TryRemove(task.Id, out _);
        var used = result.SessionId ?? session;

        // A session that could not be resumed is not tried again: the next run starts afresh, from the prompt.
        var keep = result.Succeeded || result.IsOutage || resume is null ? used : null;
        var commit = result.Succeeded
            ? await worktrees.CommitAllAsync(worktree, dev.Definition.Git, $"{task.Id}: work {dev.Name} left uncommitted\n\n{PipelineText.FirstLine(result.Result ?? task.Definition.Title)}", cancellationToken).ConfigureAwait(false)
            : null;
        var diff = await worktrees.DiffAsync(worktree, settings.Target, cancellationToken).ConfigureAwait(false);
        if (diff.NotTakenBack is { } notTaken)
        {
            observer.Warned(task.Id, $"{dev.Name}'s {worktree.Branch} was not taken back from its clone: {notTaken}");
        }

        await agentFiles.SaveSnapshotAsync(
            new ContextSnapshot(dev.Name, task.Id, keep, Summary(result), diff.Files, feedback.Comments, time.GetUtcNow()),
            result.Succeeded
                ? $"{dev.Name} finished a run on {task.Id} ({result.Turns} turns, {PipelineText.Usd(result.CostUsd)} USD){(commit is null ? string.Empty : $"; claw.clip committed what it left uncommitted as {PipelineText.Short(commit)}")}."
                : $"{dev.Name}'s run on {task.Id} failed: {PipelineText.FirstLine(result.Failure!)}",
            cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await agentFiles.WriteOutboxAsync(new Outbox(dev.Name, task.Id, result.Result ?? string.Empty, [], [], time.GetUtcNow()), $"{dev.Name} hands {task.Id} to the checks and review.", cancellationToken).ConfigureAwait(false);
        }

        return new DevRun(result, used, keep, diff);
    }

    private async Task<TaskRecord> DevRunFailedAsync(TaskRecord task, TeamMember dev, DevRun run, RunSpend spent, CancellationToken cancellationToken)
    {
        var why = PipelineText.FirstLine(run.Result.Failure ?? "the run failed");
        observer.Warned(task.Id, $"{dev.Name}'s run failed: {why}");

        // At no cost: the move below carries what the runs cost and credits it (TaskMoves).
        await trust.RecordOutcomeAsync(dev.Name, task.Id, success: false, 0m, $"{dev.Name}'s run on {task.Id} failed: {why}", settings.TrustRules, cancellationToken).ConfigureAwait(false);
        var retry = task.Attempt < task.Definition.MaxAttempts;
        var reason = retry
            ? $"{dev.Name}'s run failed: {why}. Back to the backlog for attempt {task.Attempt + 1} of {task.Definition.MaxAttempts}; the work so far stays on its branch, and the session is resumed."
            : $"{dev.Name}'s run failed: {why}. That was attempt {task.Attempt} of {task.Definition.MaxAttempts}.";
        var policy = retry ? PipelinePolicies.RunFailedRetry : PipelinePolicies.RunFailedAttemptsUsed;
        if (retry && StepRepetition.FindWith(task, dev.Name.Value, policy, reason) is { } repeated)
        {
            var stop = TaskStops.RepeatedReason(task, repeated);
            observer.Noted(task.Id, stop);
            return await stops.StopAsync(task, dev, stop, PipelinePolicies.StepRepeated, cancellationToken, spent, run.Keep).ConfigureAwait(false);
        }

        return await moves.MoveAsync(task, retry ? TaskState.Backlog : TaskState.Failed, dev, reason, policy, cancellationToken, spent, run.Keep).ConfigureAwait(false);
    }

    /// <summary>
    /// A dev run the model's API failed: no attempt used, no trust failure; the outage is recorded (it may pause the
    /// dev) and, after its backoff, the run is tried again (null) with the task still the dev's. When the backoff
    /// would outlast the task's lease, the task goes back to the backlog instead, and its next claim starts no new
    /// attempt.
    /// </summary>
    private async Task<TaskRecord?> DevRunHitOutageAsync(TaskRecord task, TeamMember dev, DevRun run, AgentOutage outage, RunSpend spent, CancellationToken cancellationToken)
    {
        var why = PipelineText.FirstLine(run.Result.Failure ?? "the model's API failed");
        if (task.Lease is { } lease && outage.RetryAt >= lease.ExpiresAt)
        {
            observer.Noted(task.Id, $"{dev.Name}'s run hit a model API outage and the backoff outlasts the lease: back to the backlog");
            return await moves.MoveAsync(task, TaskState.Backlog, dev, $"{dev.Name}'s run failed on the model's API ({why}), outage failure {outage.Consecutive} in a row; the next try ({outage.RetryAt:u}) would come after the lease ends ({lease.ExpiresAt:u}). Back to the backlog: its next claim starts no new attempt, and the session is resumed.", OutagePolicies.Requeue, cancellationToken, spent, run.Keep).ConfigureAwait(false);
        }

        observer.Noted(task.Id, $"{dev.Name}'s run hit a model API outage ({why}); outage {outage.Consecutive} in a row{(outage.IsPaused ? ", paused" : string.Empty)}: tried again at {outage.RetryAt:u}");
        await outages.WaitAsync(outage, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static string Summary(AgentRunResult result) =>
        result.Succeeded ? PipelineText.Tail(result.Result ?? string.Empty, 2_000) : "run failed: " + PipelineText.FirstLine(result.Failure ?? string.Empty);

    // Session: the one the run used. Keep: the one to resume next (null when it could not be resumed).
    private sealed record DevRun(AgentRunResult Result, string Session, string? Keep, TaskDiff Diff);
}
