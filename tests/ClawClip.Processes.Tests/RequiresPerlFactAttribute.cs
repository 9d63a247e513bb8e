namespace ClawClip.Processes.Tests;

/// <summary>A fact that starts children through the system perl; skipped, and saying so, where there is none.</summary>
public sealed class RequiresPerlFactAttribute : FactAttribute
{
    public RequiresPerlFactAttribute()
    {
        if (ProcessGroup.Perl is null || !OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Skip = "No /usr/bin/perl here.";
        }
    }
}
