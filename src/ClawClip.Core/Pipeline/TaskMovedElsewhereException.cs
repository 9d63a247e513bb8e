using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// A task the pipeline was carrying moved under it (a person canceled it, the reaper took it back): the
/// pipeline stops with it rather than act on a status it no longer has.
/// </summary>
public sealed class TaskMovedElsewhereException : InvalidOperationException
{
    public TaskMovedElsewhereException(TaskId task, TaskState? actual, TaskState wanted)
        : base(actual is { } now
            ? $"{task} is {now.Name()} now, not where the pipeline left it; it did not move it to {wanted.Name()}"
            : $"{task} is gone; the pipeline did not move it to {wanted.Name()}")
    {
        Task = task;
        Actual = actual;
    }

    public TaskId Task { get; }

    public TaskState? Actual { get; }
}
