using System.Globalization;
using System.Text.RegularExpressions;
using ClawClip.Processes;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// git on the PATH the daemon and its agents get, and new enough: the lineage branch moves with
/// <c>git update-ref --stdin</c> and its <c>start</c>/<c>prepare</c>/<c>commit</c> transaction, which git 2.27 added.
/// </summary>
internal static partial class GitCheck
{
    public const string Name = "git";

    public static Version Minimum { get; } = new(2, 27);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<CheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["LC_ALL"] = "C" };
        foreach (var name in new[] { "PATH", "HOME" })
        {
            if (context.Variables(name) is { } value)
            {
                environment[name] = value;
            }
        }

        var install = $"install git {Minimum} or newer (`apt-get install git`, `brew install git`)";
        ProcessResult result;
        try
        {
            result = await context.Runner.RunAsync(ProcessSpec.Create("git", "--version") with { Environment = environment, Timeout = Timeout }, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessStartException e)
        {
            return CheckResult.Fail(Name, $"git is not on the PATH {context.ProcessName} has: {e.Message}", $"{install}, or add its folder to that PATH");
        }

        if (!result.Succeeded)
        {
            return CheckResult.Fail(Name, result.TimedOut ? $"`git --version` did not answer within {Timeout.TotalSeconds:0} s" : $"`git --version` exited {result.ExitCode}: {FirstLine(result.StandardError)}", $"run `git --version` to see why; {install}");
        }

        return Judge(result.StandardOutput);
    }

    /// <summary>Judges the output of <c>git --version</c> ("git version 2.39.5", "git version 2.39.3 (Apple Git-146)").</summary>
    public static CheckResult Judge(string versionOutput)
    {
        var match = VersionPattern().Match(versionOutput);
        if (!match.Success)
        {
            return CheckResult.Warn(Name, $"cannot read git's version from '{FirstLine(versionOutput)}'", $"make sure `git --version` prints 'git version {Minimum} or newer'");
        }

        var version = new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        var text = FirstLine(versionOutput);
        return version >= Minimum
            ? CheckResult.Ok(Name, text)
            : CheckResult.Fail(Name, $"{text} is too old: claw.clip needs {Minimum} or newer (update-ref --stdin transactions)", $"install git {Minimum} or newer (`apt-get install git`, `brew install git`) and put it first on PATH");
    }

    internal static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? trimmed : trimmed[..end].TrimEnd();
    }

    [GeneratedRegex(@"git version (\d+)\.(\d+)")]
    private static partial Regex VersionPattern();
}
