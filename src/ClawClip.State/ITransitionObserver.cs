namespace ClawClip.State;

/// <summary>
/// Sees each step of a transition as it happens. The crash tests use it to stop a real process at an
/// exact step and kill it there; production passes <see cref="None"/>.
/// </summary>
public interface ITransitionObserver
{
    static ITransitionObserver None { get; } = new NoObserver();

    /// <summary>Called at <paramref name="reached"/>; <paramref name="subject"/> names the task or the batch.</summary>
    void At(TransitionStep reached, string subject);

    private sealed class NoObserver : ITransitionObserver
    {
        public void At(TransitionStep reached, string subject)
        {
        }
    }
}
