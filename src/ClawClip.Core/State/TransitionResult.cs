using ClawClip.Core.Tasks;

namespace ClawClip.Core.State;

/// <summary>The outcome of a transition request.</summary>
public abstract record TransitionResult
{
    private TransitionResult()
    {
    }

    public sealed record Moved(TaskRecord Task) : TransitionResult;

    public sealed record NotFound(TaskId Task) : TransitionResult;

    /// <summary>The task was not in the status the caller expected (someone else moved it).</summary>
    public sealed record WrongStatus(TaskId Task, TaskState Actual, TaskState Expected) : TransitionResult;
}
