using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;
using ClawClip.Core.Merging;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// Takes the backlog through the pipeline until nothing is left to do: tasks the team's devs already hold and
/// nobody is working on are taken up again (a run that died resumes), idle devs claim what they can, each task
/// goes through the review loop, and the merge queue lands what was approved. Passes repeat while any of
/// them moves a task. This is <c>clawclip run --once</c>; the daemon runs the same pieces on timers.
/// </summary>
public sealed class PipelineRunner
{
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

    /// <summary>Runs passes until one moves no task, or an emergency stop is in force. Returns what became of every task it touched.</summary>
    public async Task<PipelineReport> RunUntilIdleAsync(CancellationToken cancellationToken)
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

            passes++;
            var moved = await claims.ReapAsync(cancellationToken).ConfigureAwait(false) is { Requeued.Count: > 0 } or { Failed.Count: > 0 };
            moved |= await TakeUpHeldAsync(touched, stuck, cancellationToken).ConfigureAwait(false);
            moved |= await ClaimAndCarryAsync(touched, stuck, cancellationToken).ConfigureAwait(false);
            moved |= await MergeAsync(touched, cancellationToken).ConfigureAwait(false);
            await lineage.FlushLineageAsync(cancellationToken).ConfigureAwait(false);
            if (!moved)
            {
                return new PipelineReport(passes, touched, null);
            }
        }
    }

    /// <summary>
    /// Gives back to the backlog every task a dev of this team holds (claimed or running) that nobody is working on
    /// now: what a stop leaves after its agents were killed. The dev's context snapshot keeps the session, so the
    /// next claim resumes it. Returns the tasks released.
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

            var request = new TransitionRequest(task.Id, TaskState.Backlog, Actor.ClawClip, reason, PipelinePolicies.ReleasedOnStop) { ExpectedFrom = task.Status };
            if (await store.TransitionAsync(request, cancellationToken).ConfigureAwait(false) is TransitionResult.Moved)
            {
                released.Add(task.Id);
                observer.Noted(task.Id, "released: " + reason);
            }
        }

        await lineage.FlushLineageAsync(cancellationToken).ConfigureAwait(false);
        return released;
    }

    // Tasks a dev of this team holds and nobody is running: a run that died (or a process killed) left them.
    // A task that could not move (no reviewer, a reviewer that keeps failing) is not tried again in the same run.
    private async Task<bool> TakeUpHeldAsync(Dictionary<TaskId, TaskState> touched, HashSet<TaskId> stuck, CancellationToken cancellationToken)
    {
        var moved = false;
        var held = (await store.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => t.Status is TaskState.Claimed or TaskState.Running or TaskState.Review && IsDev(t.Holder) && !stuck.Contains(t.Id));
        foreach (var task in held)
        {
            moved |= await CarryAsync(task.Id, touched, stuck, cancellationToken).ConfigureAwait(false);
        }

        return moved;
    }

    private async Task<bool> ClaimAndCarryAsync(Dictionary<TaskId, TaskState> touched, HashSet<TaskId> stuck, CancellationToken cancellationToken)
    {
        var moved = false;
        foreach (var dev in team.Devs.Where(d => d.Definition.IsAvailableAt(time.GetUtcNow())))
        {
            while (true)
            {
                var permit = Budgets is null ? ClaimPermit.Open : await Budgets.BeforeClaimAsync(dev.Name, cancellationToken).ConfigureAwait(false);
                if (!permit.MayClaim)
                {
                    observer.Said(permit.Refusal!);
                    break;
                }

                var tier = (await trust.ReadTrustAsync(dev.Name, cancellationToken).ConfigureAwait(false)).Tier;
                var request = new ClaimRequest(dev.Name, dev.Definition.Skills.ToHashSet(StringComparer.Ordinal), tier) { ExcludedGoals = permit.ExcludedGoals };
                var result = await claims.ClaimNextAsync(request, cancellationToken).ConfigureAwait(false);
                if (result is not ClaimResult.Claimed claimed)
                {
                    break; // nothing this dev can take, or a stop (the next pass sees it)
                }

                observer.Noted(claimed.Task.Id, $"claimed by {dev.Name} ({tier.Name()})");
                moved = true;
                await CarryAsync(claimed.Task.Id, touched, stuck, cancellationToken).ConfigureAwait(false);
            }
        }

        return moved;
    }

    private async Task<bool> MergeAsync(Dictionary<TaskId, TaskState> touched, CancellationToken cancellationToken)
    {
        var moved = false;
        foreach (var (id, outcome) in await mergeQueue.RunOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            if (outcome is MergeOutcome.TargetBusy || await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } task)
            {
                continue;
            }

            moved = true;
            touched[id] = (await pipeline.SettleAsync(task, cancellationToken).ConfigureAwait(false)).Status;
        }

        return moved;
    }

    private async Task<bool> CarryAsync(TaskId id, Dictionary<TaskId, TaskState> touched, HashSet<TaskId> stuck, CancellationToken cancellationToken)
    {
        using var held = await runLock.TryAcquireAsync(id, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return false; // another process is working on it
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
            return false;
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

        touched[id] = task.Status;
        if (task.Status is TaskState.Claimed or TaskState.Running or TaskState.Review)
        {
            stuck.Add(id); // still with its dev or reviewer after a whole step: it waits for the next run
        }

        // One group commit for everything this task's step changed; its records were durable all along.
        await lineage.FlushLineageAsync(cancellationToken).ConfigureAwait(false);
        return task.History.Count != before;
    }

    private bool IsDev(string? holder) => team.Find(holder) is { Definition.Role: AgentRole.Dev };
}
