namespace ClawClip.Core.Pipeline;

/// <summary>
/// Tells a work pass that is already running that a person acted (an approval, a retry, an answer): the pass looks at
/// once for work it can start and for tasks waiting in the merge queue, instead of at its next regular look.
/// </summary>
public interface IWorkNudges
{
    /// <summary>Completes at the first nudge after it was taken; take the next one before acting on this one.</summary>
    Task NextNudge { get; }
}
