using ClawClip.Core.Agents;
using ClawClip.Core.Pipeline;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Merging;

/// <summary>
/// What follows a task's step, whoever took it (the pipeline, the daemon's merge queue, <c>clawclip merge</c>): a
/// landed task earns its dev a success, and its worktree and branch go; a failed one earns a failure, and its
/// worktree goes but its branch stays (the work, for a person or a retry); work waiting on the merge queue or a
/// person gives its folder back (the branch holds it). The one place these happen, so that no way of landing skips one.
/// </summary>
public sealed class TaskSettlement
{
    private readonly IAgentTrust trust;
    private readonly IWorktrees worktrees;
    private readonly TrustRules rules;

    public TaskSettlement(IAgentTrust trust, IWorktrees worktrees, TrustRules rules)
    {
        this.trust = trust;
        this.worktrees = worktrees;
        this.rules = rules;
    }

    /// <summary>Settles <paramref name="task"/> as it stands now; a status with nothing to settle is left alone.</summary>
    public async Task SettleAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        switch (task.Status)
        {
            case TaskState.Merging or TaskState.NeedsInput:
                // The work is committed on its branch; the folder comes back if the task does.
                await worktrees.RemoveAsync(task.Id, cancellationToken).ConfigureAwait(false);
                break;
            case TaskState.Done or TaskState.Failed:
                var success = task.Status == TaskState.Done;
                if (AgentId.TryParse(task.LastClaim()?.Actor, out var dev))
                {
                    var why = $"{task.Id} {(success ? "landed" : "failed")}: {PipelineText.FirstLine(task.LastTransition.Reason)}";
                    // At no cost: each of the task's runs was credited to its agent as its event was written (TaskMoves).
                    await trust.RecordOutcomeAsync(dev, task.Id, success, 0m, why, rules, cancellationToken).ConfigureAwait(false);
                }

                await worktrees.RemoveAsync(task.Id, cancellationToken).ConfigureAwait(false);
                if (success)
                {
                    await worktrees.DeleteBranchAsync(task.Id, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }
}
