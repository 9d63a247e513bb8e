using ClawClip.Core.Agents;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Protection;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Merging;

/// <summary>
/// Lands approved tasks, one at a time and oldest approval first: each is rebased on the target and
/// gated (<see cref="IMerger"/>); it goes to done if it lands (its commit in the event and the lineage's
/// <c>Commit</c> trailer), back to its dev with the output if it conflicts, fails the gate or adds nothing to the
/// target, to a person (needs-input, <see cref="ProtectionPolicies.ProtectedPath"/>) if it touches protected paths no
/// person approved, to failed if the gate refused its commits (a symlink out of the tree, a hook), and stays queued if
/// the target was busy. Every outcome is a transition with its rule, so the lineage
/// says why a task did or did not land; each moved task is then settled (<see cref="TaskSettlement"/>) here, so
/// <c>clawclip merge</c> and the work pass land alike.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The merge queue is the domain's name for it; it is not a collection type.")]
public sealed class MergeQueue
{
    private readonly ITaskStore store;
    private readonly IMerger merger;
    private readonly IMergeLock mergeLock;
    private readonly MergeSettings settings;
    private readonly TaskSettlement settlement;
    private readonly IRunLeftovers leftovers;

    /// <param name="store">The tasks.</param>
    /// <param name="merger">Rebases, gates and lands one task.</param>
    /// <param name="mergeLock">One merge at a time, across processes.</param>
    /// <param name="settings">The target and the gate.</param>
    /// <param name="settlement">Settles what the queue moved: trust, worktree, branch.</param>
    /// <param name="leftovers">Where the gates record their processes (the merger's own), so that what a dead merger's gate left running is stopped; none: nothing is.</param>
    public MergeQueue(ITaskStore store, IMerger merger, IMergeLock mergeLock, MergeSettings settings, TaskSettlement settlement, IRunLeftovers? leftovers = null)
    {
        this.store = store;
        this.merger = merger;
        this.mergeLock = mergeLock;
        this.settings = settings;
        this.settlement = settlement;
        this.leftovers = leftovers ?? NoLeftovers.Instance;
    }

    /// <summary>
    /// Tries every task waiting in merging once, and settles each it moved. Returns what became of each, in the order
    /// tried.
    /// </summary>
    public async Task<IReadOnlyList<(TaskId Task, MergeOutcome Outcome)>> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var held = await mergeLock.TryAcquireAsync(cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return []; // another process is merging
        }

        // Under the lock every gate recorded is a dead merger's: it would run on in the merge worktree beside this one.
        leftovers.StopGateLeftovers();

        var waiting = (await store.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => t.Status == TaskState.Merging)
            .OrderBy(t => t.History[^1].At)
            .ThenBy(t => t.Id.Number)
            .ToList();
        var results = new List<(TaskId, MergeOutcome)>();
        foreach (var task in waiting)
        {
            var rules = new LandingRules(settings.ProtectedPaths, ProtectedPathApproval.Approved(task));
            var outcome = await merger.MergeAsync(task.Id, settings.Target, settings.Gate, settings.GateTimeout, rules, cancellationToken).ConfigureAwait(false);
            results.Add((task.Id, outcome));
            var tier = task.LastClaim()?.Tier ?? Tier.Intern;
            var request = outcome switch
            {
                MergeOutcome.Merged merged => Move(task, TaskState.Done, $"landed on {settings.Target} as {Short(merged.Commit)}: rebased, and the gate passed.", MergePolicies.GatePassed, merged.Commit) with { Commit = merged.Commit },
                MergeOutcome.Conflict conflict => Move(task, TaskState.Running, $"back to the dev: rebasing on {settings.Target} conflicts in {string.Join(", ", conflict.Files)}.\n{conflict.Output}", MergePolicies.Conflict, null) with { LeaseLength = tier.LeaseLength() },
                MergeOutcome.GateFailed failed => Move(task, TaskState.Running, $"back to the dev: `{failed.Command}` exited {failed.ExitCode} on the rebased work.\n{failed.Output}", MergePolicies.GateFailed, null) with { LeaseLength = tier.LeaseLength() },
                MergeOutcome.NothingToLand nothing => Move(task, TaskState.Running, $"back to the dev: rebased on {settings.Target} ({Short(nothing.Target)}), task/{task.Id} adds nothing to it, so there is nothing to land. Make the change the task asks for and commit it.", MergePolicies.NothingToLand, null) with { LeaseLength = tier.LeaseLength() },
                MergeOutcome.NeedsApproval approval => Move(task, TaskState.NeedsInput, $"waits for a person: it changes {string.Join(", ", approval.Paths)}, which {(approval.Paths.Count == 1 ? "is" : "are")} protected; a change there lands only after a person approves it, at every tier: clawclip approve {task.Id}.", ProtectionPolicies.ProtectedPath, null) with { Data = $"task/{task.Id}; protected: {string.Join(", ", approval.Paths)}" },
                MergeOutcome.Refused refused => Move(task, TaskState.Failed, $"refused by the merge gate: {refused.Refusal}. Nothing of task/{task.Id} lands; a person may look at the branch and retry.", ProtectionPolicies.Refused, null) with { Data = $"task/{task.Id}; refused: {refused.Refusal.Path}" },
                _ => null, // the target was busy: it stays queued for the next run
            };
            if (request is not null && await store.TransitionAsync(request, cancellationToken).ConfigureAwait(false) is TransitionResult.Moved moved)
            {
                await settlement.SettleAsync(moved.Task, cancellationToken).ConfigureAwait(false);
            }
        }

        return results;
    }

    private static string Short(string commit) => commit[..Math.Min(10, commit.Length)];

    private static TransitionRequest Move(TaskRecord task, TaskState to, string reason, string policy, string? commit) =>
        new(task.Id, to, Actor.ClawClip, reason, policy) { ExpectedFrom = TaskState.Merging, Data = commit is null ? $"task/{task.Id}" : $"task/{task.Id} → {commit}" };
}
