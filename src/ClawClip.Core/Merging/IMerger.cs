using ClawClip.Core.Protection;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Merging;

/// <summary>
/// Lands a task's branch: rebase it on the target, hold the rebased commits to <see cref="LandingRules"/>, run the gate
/// on the result, fast-forward only if all of it passes.
/// </summary>
public interface IMerger
{
    /// <param name="task">Whose branch (<c>task/&lt;id&gt;</c>).</param>
    /// <param name="target">The branch to land on, usually <c>main</c>.</param>
    /// <param name="gate">Commands to run on the rebased work, each a program and its arguments; all must exit 0.</param>
    /// <param name="gateTimeout">How long each gate command may run before it is killed and counted as failed.</param>
    /// <param name="rules">What the rebased commits may touch and add: protected paths wait for a person, unsafe links and hooks never land.</param>
    /// <param name="cancellationToken">Stops the merge; the target is left as it was.</param>
    Task<MergeOutcome> MergeAsync(TaskId task, string target, IReadOnlyList<IReadOnlyList<string>> gate, TimeSpan gateTimeout, LandingRules rules, CancellationToken cancellationToken);
}
