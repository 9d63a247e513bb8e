namespace ClawClip.Processes.Tests;

/// <summary>A fact that needs children in their own process group (a setsid program); skipped, and saying so, where there is none (macOS).</summary>
public sealed class RequiresProcessGroupsFactAttribute : FactAttribute
{
    public RequiresProcessGroupsFactAttribute()
    {
        if (!ProcessRunner.KillsOrphanedDescendants)
        {
            Skip = "No setsid program here: children share the runner's process group, so orphaned grandchildren cannot be reached.";
        }
    }
}
