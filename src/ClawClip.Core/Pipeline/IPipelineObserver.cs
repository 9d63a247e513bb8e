using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>Hears what the pipeline does, as it does it (the command line prints it; the daemon logs it).</summary>
public interface IPipelineObserver
{
    /// <summary>Something happened to <paramref name="task"/>, in one line.</summary>
    void Noted(TaskId task, string message);

    /// <summary>Something happened that is about no one task (the PM's planning, a roadmap problem), in one line.</summary>
    void Said(string message);
}
