namespace ClawClip.Core.Tasks;

/// <summary>What an entry of a task's history records.</summary>
public enum TaskEventKind
{
    /// <summary>The task moved from one status to another (or was submitted).</summary>
    Transition,

    /// <summary>
    /// A decision about the task that did not move it: it stays where it was (<c>From</c> and <c>To</c> are both its
    /// status). An escalation that could only notify is one. It is in the history, and so in <c>clawclip show</c>,
    /// in the lineage and in the agents' prompts, like any step.
    /// </summary>
    Annotation,
}
