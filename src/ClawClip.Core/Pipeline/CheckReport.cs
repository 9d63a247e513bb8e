namespace ClawClip.Core.Pipeline;

/// <summary>What the checks said about a result.</summary>
/// <param name="FailedCommand">The command that failed, as a person would type it; null when every check passed.</param>
/// <param name="ExitCode">Its exit code (or -1 when it was killed at its timeout).</param>
/// <param name="Output">The end of its output: what the dev needs to fix it.</param>
/// <param name="Ran">How many commands ran.</param>
public sealed record CheckReport(string? FailedCommand, int ExitCode, string Output, int Ran)
{
    public bool Passed => FailedCommand is null;

    /// <summary>One line for a reason: <c>`dotnet test` exited 1</c>.</summary>
    public string Summary => Passed
        ? Ran == 0 ? "no checks are configured" : $"{Ran} check(s) passed"
        : $"`{FailedCommand}` exited {ExitCode}";

    public static CheckReport PassedAll(int ran) => new(null, 0, string.Empty, ran);
}
