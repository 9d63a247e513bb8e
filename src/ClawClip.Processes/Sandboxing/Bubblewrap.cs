using System.Globalization;

namespace ClawClip.Processes.Sandboxing;

/// <summary>
/// The Linux sandbox: bubblewrap (<c>bwrap</c>) in unprivileged user namespaces. Inside, the system folders are there
/// read-only (<c>/usr</c>, <c>/etc</c>, <c>/opt</c>, and the <c>/bin</c>-style links to them), <c>/tmp</c> is an empty
/// tmpfs of the run's own, <c>/proc</c> is the sandbox's own (its own PID namespace: no other process is visible,
/// the daemon's environment least of all), and the confinement's folders are bound at their own paths. Everything
/// else, the person's home and the repository included, does not exist. It runs with no capabilities, in a session
/// of its own (no terminal to inject into), and dies with the process that started it; when its first process
/// ends, the PID namespace ends and every process left in it (a <c>setsid</c> child included) is killed by the kernel.
/// </summary>
public sealed class Bubblewrap : ISandbox
{
    // Read-only system folders, bound where they are folders and re-created as links where they are links (/bin -> usr/bin).
    private static readonly string[] SystemRoots = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt"];

    // Inside /etc, what a process running as root could read and nobody's build needs.
    private static readonly string[] HiddenFiles = ["/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-", "/etc/sudoers"];
    private static readonly string[] HiddenFolders = ["/etc/ssh", "/etc/sudoers.d", "/etc/ssl/private"];

    public Bubblewrap(string program)
    {
        Program = program;
    }

    /// <summary>The bwrap program.</summary>
    public string Program { get; }

    public string Name => "bubblewrap";

    public bool Confines => true;

    /// <summary>bwrap on this machine's usual places, or null.</summary>
    public static Bubblewrap? Find()
    {
        string[] candidates = ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"];
        return candidates.FirstOrDefault(File.Exists) is { } path ? new Bubblewrap(path) : null;
    }

    /// <summary>bwrap's arguments for <paramref name="program"/> in <paramref name="confinement"/>, up to and including <c>--</c>.</summary>
    public static IReadOnlyList<string> Arguments(string program, string? workingDirectory, Confinement confinement)
    {
        ArgumentNullException.ThrowIfNull(confinement);
        var arguments = new List<string>
        {
            "--die-with-parent",
            "--new-session",
            "--unshare-user",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--cap-drop", "ALL",
        };
        if (!confinement.Network)
        {
            arguments.Add("--unshare-net");
        }

        foreach (var root in SystemRoots)
        {
            var info = new FileInfo(root);
            if (info.LinkTarget is { } target)
            {
                arguments.AddRange(["--symlink", target, root]);
            }
            else if (Directory.Exists(root))
            {
                arguments.AddRange(["--ro-bind", root, root]);
            }
        }

        foreach (var file in HiddenFiles.Where(File.Exists))
        {
            arguments.AddRange(["--ro-bind", "/dev/null", file]);
        }

        foreach (var folder in HiddenFolders.Where(Directory.Exists))
        {
            arguments.AddRange(["--tmpfs", folder]);
        }

        // /etc/resolv.conf may point into /run (systemd-resolved): the name server must still be found.
        if (new FileInfo("/etc/resolv.conf").ResolveLinkTarget(returnFinalTarget: true) is { FullName: var resolv } && !resolv.StartsWith("/etc/", StringComparison.Ordinal))
        {
            arguments.AddRange(["--ro-bind-try", resolv, resolv]);
        }

        arguments.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);

        // The program itself, when it lives outside the system folders (a CLI installed under the repository's tests).
        if (!SystemRoots.Any(root => IsUnder(program, root)) && !confinement.ReadOnly.Concat(confinement.Writable).Any(path => IsUnder(program, path)))
        {
            arguments.AddRange(["--ro-bind", program, program]);
        }

        foreach (var path in confinement.ReadOnly)
        {
            arguments.AddRange(["--ro-bind", path, path]);
        }

        // Last, so that a writable folder under /tmp is bound over the fresh tmpfs rather than hidden by it.
        foreach (var path in confinement.Writable)
        {
            arguments.AddRange(["--bind", path, path]);
        }

        if (workingDirectory is not null)
        {
            arguments.AddRange(["--chdir", Path.GetFullPath(workingDirectory)]);
        }

        arguments.Add("--");
        return arguments;
    }

    public ProcessSpec Wrap(ProcessSpec spec, string program, Confinement confinement)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var path in confinement.Writable.Concat(confinement.ReadOnly))
        {
            if (!Path.Exists(path))
            {
                throw new ProcessStartException(spec.FileName, spec.WorkingDirectory, $"the sandbox would bind '{path}', which does not exist.");
            }
        }

        return spec with
        {
            FileName = Program,
            Arguments = [.. Arguments(program, spec.WorkingDirectory, confinement), program, .. spec.Arguments],
            Environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal) { ["TMPDIR"] = "/tmp" },
            Confinement = null,
        };
    }

    public async Task<SandboxProbe> ProbeAsync(CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("clawclip-sandbox-probe-");
        try
        {
            // A missing program throws here, inside the try: the probe reports it with the install command.
            var version = await new ProcessRunner(Unconfined.Instance).RunAsync(ProcessSpec.Create(Program, "--version") with { Timeout = TimeSpan.FromSeconds(10) }, cancellationToken).ConfigureAwait(false);
            var name = version.ExitCode == 0 ? version.StandardOutput.Trim() : Program;

            // A confined shell that must see its own PID namespace (it is PID 1 or 2) and nothing of the person's home.
            var outside = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 1 } user ? user : "/root";
            var probe = ProcessSpec.Create("/bin/sh", "-c", "test ! -e \"$OUTSIDE\" && test \"$(ls /proc | grep -c '^[0-9]')\" -lt 10 && echo confined") with
            {
                Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = "/usr/bin:/bin", ["OUTSIDE"] = outside },
                WorkingDirectory = home.FullName,
                Confinement = Confinement.To(home.FullName),
                Timeout = TimeSpan.FromSeconds(20),
            };
            var result = await new ProcessRunner(this).RunAsync(probe, cancellationToken).ConfigureAwait(false);
            return result.ExitCode == 0 && result.StandardOutput.Trim() == "confined"
                ? new SandboxProbe(true, $"{name} at {Program}: a confined process sees only its own processes and files", null)
                : new SandboxProbe(
                    false,
                    $"{name} at {Program} could not confine a process (exit {result.ExitCode.ToString(CultureInfo.InvariantCulture)}): {result.StandardError.Trim()}",
                    "allow unprivileged user namespaces: `sysctl -w kernel.unprivileged_userns_clone=1`, or on Ubuntu 24.04 and later `sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`");
        }
        catch (ProcessStartException e)
        {
            return new SandboxProbe(false, e.Message, "install bubblewrap: `apt-get install bubblewrap` (Debian, Ubuntu) or `dnf install bubblewrap` (Fedora)");
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal) || path == folder;
}
