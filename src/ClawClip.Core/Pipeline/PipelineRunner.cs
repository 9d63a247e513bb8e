using System.Runtime.ExceptionServices;
using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;
using ClawClip.Core.Merging;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// Takes the backlog through the pipeline until nothing is left to do: tasks the team's devs already hold and
/// nobody is working on are taken up again (a run that died resumes), idle devs claim what they can, each task
/// goes through the review loop, and the merge queue lands what was approved. Several devs work at once, up to
/// <see cref="PipelineSettings.MaxParallel"/> tasks in all and each dev's <c>max_concurrent_tasks</c>; whenever a
/// task's step ends, the next task starts, and work that reached the merge queue lands meanwhile, one merge at a
/// time; a task a person moved to merging meanwhile lands at the next look (at once when <see cref="Nudges"/> wakes the
/// pass). Passes repeat while any of them moves a task. This is <c>clawclip run --once</c> and the daemon's work loop.
/// </summary>
public sealed class PipelineRunner
{
    // While agents work, the dispatcher looks again this often for backlog that arrived meanwhile, so a free slot does
    // not wait for a long run to end.
    private static readonly TimeSpan LookAgainEvery = TimeSpan.FromSeconds(30);

    private readonly ITaskStore store;
    private readonly ITaskClaims claims;
    private readonly IAgentTrust trust;
    private readonly IEmergencyStop emergencyStop;
    private readonly ILineageWriter lineage;
    private readonly ITaskRunLock runLock;
    private readonly TaskPipeline pipeline;
    private readonly MergeQueue mergeQueue;
    private readonly Team team;
    private readonly TimeProvider time;
    private readonly IPipelineObserver observer;

    public PipelineRunner(
        ITaskStore store,
        ITaskClaims claims,
        IAgentTrust trust,
        IEmergencyStop emergencyStop,
        ILineageWriter lineage,
        ITaskRunLock runLock,
        TaskPipeline pipeline,
        MergeQueue mergeQueue,
        Team team,
        TimeProvider time,
        IPipelineObserver observer)
    {
        this.store = store;
        this.claims = claims;
        this.trust = trust;
        this.emergencyStop = emergencyStop;
        this.lineage = lineage;
        this.runLock = runLock;
        this.pipeline = pipeline;
        this.mergeQueue = mergeQueue;
        this.team = team;
        this.time = time;
        this.observer = observer;
    }

    /// <summary>Asked before each dev claim: a paused dev or team claims nothing, a paused goal's tasks are left. None: no budgets.</summary>
    public BudgetGate? Budgets { get; init; }

    /// <summary>
    /// Wakes a running pass when a person acts (the daemon's kick): work that can start starts, and a task a person
    /// moved to merging lands, within moments instead of at the next look. None: the pass looks every 30 seconds.
    /// </summary>
    public IWorkNudges? Nudges { get; init; }

    /// <summary>Runs passes until one moves no task, or an emergency stop is in force. Returns what became of every task it touched.</summary>
    public Task<PipelineReport> RunUntilIdleAsync(CancellationToken cancellationToken) =>
        RunUntilIdleAsync(CancellationToken.None, cancellationToken);

    /// <summary>
    /// Runs passes until one moves no task, an emergency stop is in force, or <paramref name="startNothingNew"/> is
    /// signaled (a stop was asked for): from then on no task is claimed or taken up, and the tasks already being worked
    /// on are carried on until their step ends or <paramref name="cancellationToken"/> cuts them short.
    /// </summary>
    public async Task<PipelineReport> RunUntilIdleAsync(CancellationToken startNothingNew, CancellationToken cancellationToken)
    {
        var touched = new Dictionary<TaskId, TaskState>();
        var stuck = new HashSet<TaskId>();
        var passes = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await emergencyStop.ReadAsync(cancellationToken).ConfigureAwait(false) is { } stop)
            {
                return new PipelineReport(passes, touched, stop);
            }

            if (startNothingNew.IsCancellationRequested)
            {
                return new PipelineReport(passes, touched, null);
            }

            passes++;
            var moved = await claims.ReapAsync(cancellationToken).ConfigureAwait(false) is { Requeued.Count: > 0 } or { Failed.Count: > 0 };
            moved |= await DispatchAsync(touched, stuck, startNothingNew, cancellationToken).ConfigureAwait(false);
            moved |= Record(touched, await MergeAsync(cancellationToken).ConfigureAwait(false));
            await lineage.FlushLineageAsync(cancellationToken).ConfigureAwait(false);
            if (!moved)
            {
                return new PipelineReport(passes, touched, null);
            }
        }
    }

    /// <summary>
    /// Gives back to the backlog every task a dev of this team holds (claimed or running) that nobody is working on
    /// now: what a stop leaves after its agents were killed. The release records the session the killed run had
    /// started, and the dev's context snapshot keeps it too, so the next claim resumes it. Returns the tasks released.
    /// </summary>
    public async Task<IReadOnlyList<TaskId>> ReleaseHeldAsync(string reason, CancellationToken cancellationToken)
    {
        var released = new List<TaskId>();
        foreach (var task in (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Where(t => t.Status is TaskState.Claimed or TaskState.Running && IsDev(t.Holder)))
        {
            using var held = await runLock.TryAcquireAsync(task.Id, cancellationToken).ConfigureAwait(false);
            if (held is null)
            {
                continue;
            }

            var request = new TransitionRequest(task.Id, TaskState.Backlog, Actor.ClawClip, reason, PipelinePolicies.ReleasedOnStop)
            {
                ExpectedFrom = task.Status,
                Session = pipeline.TakeUnfinishedSession(task.Id),
            };
            if (await store.TransitionAsync(request, cancellationToken).ConfigureAwait(false) is TransitionResult.Moved)
            {
                released.Add(task.Id);
                observer.Noted(task.Id, "released: " + reason);
            }
        }

        await lineage.FlushLineageAsync(cancellationToken).ConfigureAwait(false);
        return released;
    }

    /// <summary>
    /// Whether <paramref name="dev"/> may claim now — inside its availability windows, not waiting out a model API
    /// outage, and neither it nor the team paused by a budget — and which goals' tasks it must leave (a goal out of budget); null when it may not.
    /// </summary>
    private async Task<ClaimPermit?> MayClaimNowAsync(TeamMember dev, CancellationToken cancellationToken)
    {
        if (!dev.Definition.IsAvailableAt(time.GetUtcNow()))
        {
            return null;
        }

        // An agent waiting out a model API outage, or paused by one, claims nothing new until its next try is due.
        if (await pipeline.Outages.RefusalAsync(dev.Name, cancellationToken).ConfigureAwait(false) is { } outage)
        {
            observer.Said(outage);
            return null;
        }

        var permit = Budgets is null ? ClaimPermit.Open : await Budgets.BeforeClaimAsync(dev.Name, cancellationToken).ConfigureAwait(false);
        if (!permit.MayClaim)
        {
            observer.Warned(null, permit.Refusal!);
            return null;
        }

        return permit;
    }

    /// <summary>The best backlog task <paramref name="dev"/> can take (priority, its skills, dependencies done, goals in budget), claimed for it.</summary>
    private async Task<ClaimResult> ClaimForAsync(TeamMember dev, ClaimPermit permit, CancellationToken cancellationToken)
    {
        var tier = (await trust.ReadTrustAsync(dev.Name, cancellationToken).ConfigureAwait(false)).Tier;
        var request = new ClaimRequest(dev.Name, dev.Definition.Skills.ToHashSet(StringComparer.Ordinal), tier) { ExcludedGoals = permit.ExcludedGoals };
        var result = await claims.ClaimNextAsync(request, cancellationToken).ConfigureAwait(false);
        if (result is ClaimResult.Claimed claimed)
        {
            observer.Noted(claimed.Task.Id, $"claimed by {dev.Name} ({tier.Name()})");
        }

        return result;
    }

    // One pass of work: held tasks nobody runs are taken up, then idle devs claim, each task carried on a task of
    // its own, at most MaxParallel at once and each dev within its slots. When a task's step ends its slots go to the
    // next one at once; work that reached merging lands meanwhile. The pass ends when nothing runs and nothing more
    // can start. A stop asked for starts nothing more and lets what runs carry on. A failure (or cancellation) starts
    // nothing more, waits for what runs to end — so no run lock is left held for the release after a stop — and is
    // then thrown.
    private async Task<bool> DispatchAsync(Dictionary<TaskId, TaskState> touched, HashSet<TaskId> stuck, CancellationToken startNothingNew, CancellationToken cancellationToken)
    {
        var pass = new Pass(touched, stuck, team);
        using var lookAgain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? timer = null;
        var nudge = Nudges?.NextNudge;
        await GuardAsync(pass, () => QueueHeldAsync(pass, cancellationToken)).ConfigureAwait(false);
        try
        {
            while (true)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    pass.Failure ??= ExceptionDispatchInfo.Capture(new OperationCanceledException(cancellationToken));
                }

                if (pass.Failure is null && !startNothingNew.IsCancellationRequested)
                {
                    await GuardAsync(pass, () => StartWhatCanStartAsync(pass, cancellationToken)).ConfigureAwait(false);
                }

                if (pass.Running.Count == 0 && pass.Merging is null)
                {
                    break;
                }

                timer ??= pass.Failure is null ? Task.Delay(LookAgainEvery, time, lookAgain.Token) : null;
                var done = await Task.WhenAny(pass.Running.Keys.Cast<Task>().Append(pass.Merging).Append(timer).Append(pass.Failure is null ? nudge : null).OfType<Task>()).ConfigureAwait(false);
                if (done == timer || done == nudge)
                {
                    // The next nudge is taken before looking, so one that comes while we look is not lost.
                    timer = done == timer ? null : timer;
                    nudge = done == nudge ? Nudges!.NextNudge : nudge;
                    pass.Exhausted.Clear();
                    await GuardAsync(pass, () => LookAgainAsync(pass, cancellationToken)).ConfigureAwait(false);
                }
                else if (done == pass.Merging)
                {
                    await MergeEndedAsync(pass, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    CarryEnded(pass, (Task<Carried>)done, cancellationToken);
                }
            }
        }
        finally
        {
            await lookAgain.CancelAsync().ConfigureAwait(false);
        }

        pass.Failure?.Throw();
        return pass.Moved;
    }

    private async Task StartWhatCanStartAsync(Pass pass, CancellationToken cancellationToken)
    {
        while (pass.Running.Count < pipeline.Settings.MaxParallel)
        {
            if ((TakeUpNext(pass) ?? await ClaimNextAsync(pass, cancellationToken).ConfigureAwait(false)) is not { } next)
            {
                return;
            }

            var (dev, id) = next;
            pass.Running[Task.Run(() => CarryAsync(id, cancellationToken), CancellationToken.None)] = (dev, id);
        }
    }

    // A held task whose dev has a free slot, in the order they were found.
    private (TeamMember Dev, TaskId Task)? TakeUpNext(Pass pass)
    {
        for (var i = 0; i < pass.Held.Count; i++)
        {
            var (dev, id) = pass.Held[i];
            if (pipeline.Slots.TryTake(dev.Name))
            {
                pass.Held.RemoveAt(i);
                return (dev, id);
            }
        }

        return null;
    }

    // The dev holding the fewest tasks that may claim and has a free slot claims; one that finds nothing is not asked
    // again until something ends (a task back in the backlog, a dependency landed) or the timer fires. A dev holding as
    // many tasks as its max_concurrent_tasks claims nothing, whoever runs them (DevHoldings).
    private async Task<(TeamMember Dev, TaskId Task)?> ClaimNextAsync(Pass pass, CancellationToken cancellationToken)
    {
        var devs = team.Devs.Where(d => !pass.Exhausted.Contains(d.Name) && pass.Holdings.MayClaim(d)).OrderBy(d => pass.Holdings.Count(d.Name)).ToList();
        foreach (var dev in devs)
        {
            // The slot first: a dev busy with as many tasks as it may hold is not asked anything, budgets included
            // (they read every task file).
            if (!pipeline.Slots.TryTake(dev.Name))
            {
                continue;
            }

            ClaimResult result;
            try
            {
                if (await MayClaimNowAsync(dev, cancellationToken).ConfigureAwait(false) is not { } permit)
                {
                    pipeline.Slots.Release(dev.Name);
                    pass.Exhausted.Add(dev.Name);
                    continue;
                }

                result = await ClaimForAsync(dev, permit, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                pipeline.Slots.Release(dev.Name);
                throw;
            }

            if (result is ClaimResult.Claimed claimed)
            {
                pass.Moved = true;
                pass.Holdings.Add(dev.Name, claimed.Task.Id);
                return (dev, claimed.Task.Id);
            }

            pipeline.Slots.Release(dev.Name);
            pass.Exhausted.Add(dev.Name);
            if (result is ClaimResult.Stopped)
            {
                pass.Exhausted.UnionWith(team.Devs.Select(d => d.Name)); // an emergency stop: the next pass sees it
                return null;
            }
        }

        return null;
    }

    private void CarryEnded(Pass pass, Task<Carried> done, CancellationToken cancellationToken)
    {
        var (dev, id) = pass.Running[done];
        pass.Running.Remove(done);
        pipeline.Slots.Release(dev.Name);
        pass.Exhausted.Clear();
        if (done.Exception is { } failed)
        {
            pass.Failure ??= ExceptionDispatchInfo.Capture(failed.InnerException ?? failed);
            return;
        }

        if (done.IsCanceled)
        {
            pass.Failure ??= ExceptionDispatchInfo.Capture(new OperationCanceledException(cancellationToken));
            return;
        }

        var carried = done.Result;
        pass.Moved |= carried.Moved;
        if (!carried.StillHeld)
        {
            pass.Holdings.Remove(dev.Name, id);
        }

        if (carried.Status is { } status)
        {
            pass.Touched[id] = status;
            if (status is TaskState.Claimed or TaskState.Running or TaskState.Review)
            {
                pass.Stuck.Add(id); // still with its dev or reviewer after a whole step: it waits for the next run
            }
            else if (status == TaskState.Merging)
            {
                StartMerging(pass, cancellationToken);
            }
        }
    }

    // One merge run at a time (the merge lock makes it so across processes too); work approved while it runs makes
    // it run once more.
    private void StartMerging(Pass pass, CancellationToken cancellationToken)
    {
        if (pass.Merging is not null)
        {
            pass.MergeAgain = true;
            return;
        }

        if (pass.Failure is null)
        {
            pass.Merging = Task.Run(() => MergeAsync(cancellationToken), CancellationToken.None);
        }
    }

    private async Task MergeEndedAsync(Pass pass, CancellationToken cancellationToken)
    {
        var merging = pass.Merging!;
        pass.Merging = null;
        try
        {
            pass.Moved |= Record(pass.Touched, await merging.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            pass.Failure ??= ExceptionDispatchInfo.Capture(e);
            return;
        }

        // Landed work may free tasks that depended on it; work sent back (a conflict) is held again by its dev.
        pass.Exhausted.Clear();
        await GuardAsync(pass, () => QueueHeldAsync(pass, cancellationToken)).ConfigureAwait(false);
        if (pass.MergeAgain)
        {
            pass.MergeAgain = false;
            StartMerging(pass, cancellationToken);
        }
    }

    // A look while agents work: held tasks nobody runs are queued, and tasks waiting in merging that no step of this
    // pass sent there (a person's approval, another process) start the merge queue, so they land now, not at the end.
    private async Task LookAgainAsync(Pass pass, CancellationToken cancellationToken)
    {
        var tasks = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        QueueHeld(pass, tasks);
        if (pass.Merging is null && tasks.Any(t => t.Status == TaskState.Merging))
        {
            StartMerging(pass, cancellationToken);
        }
    }

    private async Task QueueHeldAsync(Pass pass, CancellationToken cancellationToken) =>
        QueueHeld(pass, await store.ListAsync(cancellationToken).ConfigureAwait(false));

    // Tasks a dev of this team holds and nobody is running: a run that died (or a process killed) left them, or the
    // merge queue sent them back. A task that could not move (no reviewer, a reviewer that keeps failing) is not
    // tried again in the same run. The same list counts what each dev holds against its cap.
    private void QueueHeld(Pass pass, IReadOnlyList<TaskRecord> tasks)
    {
        var active = pass.Running.Values.Select(r => r.Task).Concat(pass.Held.Select(h => h.Task)).ToHashSet();
        pass.Holdings.CountFrom(tasks);
        foreach (var task in tasks)
        {
            if (task.Status is TaskState.Claimed or TaskState.Running or TaskState.Review
                && team.Find(task.Holder) is { Definition.Role: AgentRole.Dev } dev
                && !pass.Stuck.Contains(task.Id)
                && !active.Contains(task.Id))
            {
                pass.Held.Add((dev, task.Id));
            }
        }
    }

    private async Task<IReadOnlyList<(TaskId Task, TaskState Status)>> MergeAsync(CancellationToken cancellationToken)
    {
        var landed = new List<(TaskId, TaskState)>();
        foreach (var (id, outcome) in await mergeQueue.RunOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            if (outcome is MergeOutcome.TargetBusy || await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } task)
            {
                continue;
            }

            // The queue settled it (trust, worktree, branch), as it does for `clawclip merge`.
            observer.Noted(id, $"{task.Status.Name()}: {PipelineText.FirstLine(task.LastTransition.Reason)}");
            landed.Add((id, task.Status));
        }

        await lineage.FlushLineageAsync(cancellationToken).ConfigureAwait(false);
        return landed;
    }

    private async Task<Carried> CarryAsync(TaskId id, CancellationToken cancellationToken)
    {
        using var held = await runLock.TryAcquireAsync(id, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return new Carried(null, false, StillHeld: true); // another process is working on it
        }

        // The lock was free: whoever ran this task before is gone, but its agent may live on in a session of its own.
        if (pipeline.Leftovers.StopLeftovers(id))
        {
            observer.Noted(id, "stopped what a dead runner's agent left running on it");
        }

        // Read again under the lock: whoever held it before may have moved it.
        if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } task
            || task.Status is not (TaskState.Claimed or TaskState.Running or TaskState.Review)
            || !IsDev(task.Holder))
        {
            return new Carried(null, false, StillHeld: false);
        }

        var before = task.History.Count;
        try
        {
            task = await pipeline.AdvanceAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskMovedElsewhereException e)
        {
            observer.Noted(id, e.Message);
            task = await store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? task;
        }

        // One group commit for everything this task's step changed; its records were durable all along.
        await lineage.FlushLineageAsync(cancellationToken).ConfigureAwait(false);
        return new Carried(task.Status, task.History.Count != before, DevHoldings.Counts(task.Status));
    }

    private static bool Record(Dictionary<TaskId, TaskState> touched, IReadOnlyList<(TaskId Task, TaskState Status)> landed)
    {
        foreach (var (id, status) in landed)
        {
            touched[id] = status;
        }

        return landed.Count > 0;
    }

    private static async Task GuardAsync(Pass pass, Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            pass.Failure ??= ExceptionDispatchInfo.Capture(e);
        }
    }

    private bool IsDev(string? holder) => team.Find(holder) is { Definition.Role: AgentRole.Dev };

    /// <summary>
    /// What one task's step came to: its status after (null when it was not this runner's to carry), whether it moved,
    /// and whether its dev still holds it (as far as this runner knows: a task another process works on is still held).
    /// </summary>
    private sealed record Carried(TaskState? Status, bool Moved, bool StillHeld);

    /// <summary>
    /// One work pass's bookkeeping. Only the dispatcher's loop reads and writes it, one step at a time: the tasks it
    /// starts return what they did instead of writing here.
    /// </summary>
    private sealed class Pass(Dictionary<TaskId, TaskState> touched, HashSet<TaskId> stuck, Team team)
    {
        public DevHoldings Holdings { get; } = new(team);

        public Dictionary<TaskId, TaskState> Touched { get; } = touched;

        public HashSet<TaskId> Stuck { get; } = stuck;

        public Dictionary<Task<Carried>, (TeamMember Dev, TaskId Task)> Running { get; } = [];

        public List<(TeamMember Dev, TaskId Task)> Held { get; } = [];

        public HashSet<AgentId> Exhausted { get; } = [];

        public Task<IReadOnlyList<(TaskId Task, TaskState Status)>>? Merging { get; set; }

        public bool MergeAgain { get; set; }

        public bool Moved { get; set; }

        public ExceptionDispatchInfo? Failure { get; set; }
    }
}
