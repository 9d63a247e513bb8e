namespace ClawClip.Core.Tasks;

/// <summary>A move the state machine does not allow, such as <c>done → running</c>.</summary>
public sealed class IllegalTransitionException : InvalidOperationException
{
    public IllegalTransitionException(TaskId task, TaskStatus from, TaskStatus to)
        : base(Describe(task, from, to))
    {
        Task = task;
        From = from;
        To = to;
    }

    public TaskId Task { get; }

    public TaskStatus From { get; }

    public TaskStatus To { get; }

    private static string Describe(TaskId task, TaskStatus from, TaskStatus to)
    {
        var allowed = TaskTransitions.From(from);
        var options = allowed.Count == 0 ? "none: it is final" : string.Join(", ", allowed.Select(s => s.Name()));
        return $"{task}: {from.Name()} → {to.Name()} is not an allowed transition (from {from.Name()}: {options}).";
    }
}
