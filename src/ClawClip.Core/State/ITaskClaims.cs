using ClawClip.Core.Tasks;

namespace ClawClip.Core.State;

/// <summary>Agents taking work from the backlog, and taking it back from agents whose lease ran out.</summary>
public interface ITaskClaims
{
    /// <summary>Claims the highest-priority backlog task the agent has the skills for, whose dependencies are done.</summary>
    Task<ClaimResult> ClaimNextAsync(ClaimRequest request, CancellationToken cancellationToken);

    /// <summary>Claims this one task, if it is still in the backlog.</summary>
    Task<ClaimResult> TryClaimAsync(TaskId task, ClaimRequest request, CancellationToken cancellationToken);

    /// <summary>Returns every held task whose lease has expired to the backlog, or fails it past its attempts.</summary>
    Task<ReapReport> ReapAsync(CancellationToken cancellationToken);
}
