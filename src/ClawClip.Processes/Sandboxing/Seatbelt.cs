namespace ClawClip.Processes.Sandboxing;

/// <summary>
/// The macOS sandbox: <c>/usr/bin/sandbox-exec -p PROFILE</c> with the profile <see cref="SeatbeltProfile"/> generates.
/// macOS has no PID namespace: what the process leaves behind is killed with its process group, as everywhere. Not run
/// on a Mac by its authors.
/// </summary>
public sealed class Seatbelt : ISandbox
{
    public const string DefaultProgram = "/usr/bin/sandbox-exec";

    public Seatbelt(string program = DefaultProgram)
    {
        Program = program;
    }

    public string Program { get; }

    public string Name => "seatbelt";

    public bool Confines => true;

    public ProcessSpec Wrap(ProcessSpec spec, string program, Confinement confinement)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var temporary = spec.Environment.TryGetValue("TMPDIR", out var tmp) && Path.IsPathRooted(tmp) ? tmp : Path.GetTempPath();
        // The login keychain is the daemon's user's, whatever HOME the agent is given.
        var keychain = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } personHome ? Path.Combine(personHome, "Library", "Keychains") : null;
        var profile = SeatbeltProfile.Generate(confinement, temporary, keychain);
        return spec with
        {
            FileName = Program,
            Arguments = ["-p", profile, program, .. spec.Arguments],
            Confinement = null,
        };
    }

    public async Task<SandboxProbe> ProbeAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("clawclip-sandbox-probe-");
        try
        {
            var probe = ProcessSpec.Create("/usr/bin/true") with
            {
                WorkingDirectory = folder.FullName,
                Confinement = Confinement.To(folder.FullName),
                Timeout = TimeSpan.FromSeconds(20),
            };
            var result = await new ProcessRunner(this).RunAsync(probe, cancellationToken).ConfigureAwait(false);
            return result.ExitCode == 0
                ? new SandboxProbe(true, $"sandbox-exec at {Program} ran a confined process", null)
                : new SandboxProbe(false, $"sandbox-exec at {Program} failed (exit {result.ExitCode}): {result.StandardError.Trim()}", "sandbox-exec is part of macOS; check that /usr/bin/sandbox-exec exists and is not blocked by a management profile");
        }
        catch (ProcessStartException e)
        {
            return new SandboxProbe(false, e.Message, "sandbox-exec is part of macOS (/usr/bin/sandbox-exec); it is missing from this system");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
