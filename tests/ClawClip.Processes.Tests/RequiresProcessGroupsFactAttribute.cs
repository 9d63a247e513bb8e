namespace ClawClip.Processes.Tests;

/// <summary>A fact that needs children in their own process group (setsid, or perl); skipped, and saying so, where there is no way to make one.</summary>
public sealed class RequiresProcessGroupsFactAttribute : FactAttribute
{
    public RequiresProcessGroupsFactAttribute()
    {
        if (!ProcessRunner.KillsOrphanedDescendants)
        {
            Skip = "Neither setsid nor perl here: children share the runner's process group, so orphaned grandchildren cannot be reached.";
        }
    }
}
