namespace ClawClip.Daemon.Tests.Support;

/// <summary>A fact that runs a program; skipped, and saying so in the test results, where it is not on PATH.</summary>
public sealed class RequiresProgramFactAttribute : FactAttribute
{
    public RequiresProgramFactAttribute(string program)
    {
        if (ProgramsOnPath.Find(program) is null)
        {
            Skip = $"{program} is not on PATH here: this check did NOT run.";
        }
    }
}
