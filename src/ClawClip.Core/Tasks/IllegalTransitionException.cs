namespace ClawClip.Core.Tasks;

/// <summary>A move the state machine does not allow, such as <c>done → running</c>.</summary>
public sealed class IllegalTransitionException : InvalidOperationException
{
    public IllegalTransitionException(TaskId task, TaskState from, TaskState to)
        : base(Describe(task, from, to))
    {
        Task = task;
        From = from;
        To = to;
    }

    public TaskId Task { get; }

    public TaskState From { get; }

    public TaskState To { get; }

    private static string Describe(TaskId task, TaskState from, TaskState to)
    {
        var allowed = TaskTransitions.From(from);
        var options = allowed.Count == 0 ? "none: it is final" : string.Join(", ", allowed.Select(s => s.Name()));
        return $"{task}: {from.Name()} → {to.Name()} is not an allowed transition (from {from.Name()}: {options}).";
    }
}
