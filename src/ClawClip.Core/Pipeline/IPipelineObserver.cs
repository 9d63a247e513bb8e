using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>Hears what the pipeline does, as it does it (the command line prints it; the daemon logs it).</summary>
public interface IPipelineObserver
{
    /// <summary>Something happened to <paramref name="task"/>, in one line.</summary>
    void Noted(TaskId task, string message);

    /// <summary>Something happened that is about no one task (the PM's planning, a roadmap problem), in one line.</summary>
    void Said(string message);

    /// <summary>
    /// Something went wrong that a person may need to see (a plan that could not be used, a dev paused by a budget, an
    /// escalation, a failed run), about <paramref name="task"/> or about no one task. The daemon logs it as a warning;
    /// an observer that does not tell warnings apart hears it as a line starting with "warning: ".
    /// </summary>
    void Warned(TaskId? task, string message)
    {
        if (task is { } id)
        {
            Noted(id, "warning: " + message);
        }
        else
        {
            Said("warning: " + message);
        }
    }
}
