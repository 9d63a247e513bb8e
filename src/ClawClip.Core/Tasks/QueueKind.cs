namespace ClawClip.Core.Tasks;

/// <summary>The three queues a person reads in <c>clawclip status</c>.</summary>
public enum QueueKind
{
    Intake,
    Active,
    Completed,
}
