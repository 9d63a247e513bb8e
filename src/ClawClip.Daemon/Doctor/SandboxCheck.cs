using ClawClip.Agents;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// The sandbox every agent, check and gate runs in works on this machine: a confined process really starts (bubblewrap
/// installed and unprivileged user namespaces allowed on Linux, <c>sandbox-exec</c> on macOS). Without it no agent is
/// started, so this is a failure whose fix says what to install or allow, or how to run agents unconfined on purpose.
/// </summary>
internal static class SandboxCheck
{
    public const string Name = "sandbox";

    /// <summary>The way out that every failure offers, after the real fix.</summary>
    public const string TurnOff = "or, to run agents unconfined on purpose, set `sandbox: off` in clawclip.yaml";

    public static async Task<CheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        // The person's `sandbox: off` (in the working copy, as the config check reads it): the runners will not confine.
        var sandbox = SaysOff(context.RepositoryRoot) ? Unconfined.Instance : context.Sandbox;
        SandboxProbe probe;
        try
        {
            probe = await sandbox.ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessStartException e)
        {
            // bubblewrap's probe asks `bwrap --version` first: a program that is gone by now cannot start.
            return CheckResult.Fail(Name, $"{sandbox.Name}: agents cannot be confined here: {e.Message}", $"install it: `apt-get install bubblewrap` (Debian, Ubuntu) or `dnf install bubblewrap` (Fedora); {TurnOff}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The probe makes a temporary folder to confine a process to; without one nothing can be confined either.
            return CheckResult.Fail(Name, $"{sandbox.Name}: could not probe it: {e.Message}", $"make the temporary folder ({Path.GetTempPath()}) writable; {TurnOff}");
        }

        if (sandbox is Unconfined)
        {
            // `sandbox: off`, chosen by the person: no failure, but not to be forgotten either.
            return CheckResult.Warn(Name, $"{sandbox.Name}: {probe.Detail}", probe.Fix ?? "remove `sandbox: off` from clawclip.yaml once a sandbox works here");
        }

        return probe.Works
            ? CheckResult.Ok(Name, $"{sandbox.Name}: {probe.Detail}")
            : CheckResult.Fail(Name, $"{sandbox.Name}: agents cannot be confined here: {probe.Detail}", $"{probe.Fix ?? "see the finding"}; {TurnOff}");
    }

    private static bool SaysOff(string root)
    {
        try
        {
            return !RepositoryConfigLoader.Load(Path.Combine(root, RepositoryConfigLoader.FileName)).Sandbox;
        }
        catch (RepositoryConfigException)
        {
            return false; // the config check reports the file; the sandbox is judged as if it were on
        }
    }
}
