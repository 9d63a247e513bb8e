using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// What the checks look at: the repository, the branch work lands on, the environment of the process that runs them
/// (the daemon's, or the shell's when no daemon answers), and the programs they run.
/// </summary>
public sealed record DoctorContext
{
    /// <summary>The repository's root folder.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>The branch tasks start from and land on.</summary>
    public string Target { get; init; } = "main";

    /// <summary>Which process runs the checks; findings name it ("the daemon has ANTHROPIC_API_KEY").</summary>
    public required CheckedBy CheckedBy { get; init; }

    /// <summary>What agents are given their variables from, by name: the daemon's environment and env file, or this shell's.</summary>
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// The <c>--env-file</c> whose variables <see cref="Variables"/> adds to this shell's, as the daemon adds them to
    /// its own environment's when it hands variables to its agents; null when none was given.
    /// </summary>
    public string? EnvironmentFile { get; init; }

    public IProcessRunner Runner { get; init; } = new ProcessRunner();

    /// <summary>The sandbox agents would run in: this machine's (a test gives one that fails).</summary>
    public ISandbox Sandbox { get; init; } = Sandboxes.ForThisMachine();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Claude Code's managed settings, which an organization installs for every user; they may set <c>apiKeyHelper</c>.</summary>
    public IReadOnlyList<string> ManagedSettingsFiles { get; init; } = OperatingSystem.IsMacOS()
        ? ["/Library/Application Support/ClaudeCode/managed-settings.json"]
        : ["/etc/claude-code/managed-settings.json"];

    /// <summary>The process, as findings name it.</summary>
    public string ProcessName => CheckedBy == CheckedBy.Daemon ? "the daemon"
        : EnvironmentFile is { } file ? $"this shell with {Path.GetFileName(file)}"
        : "this shell";

    /// <summary>How a fix says where to put a variable so that the daemon has it.</summary>
    public static string DaemonEnvironmentFix(string name) =>
        $"put {name}=… in a file only you can read (chmod 600) and start the daemon with `clawclip daemon --env-file FILE` (as a service: `clawclip service install --env-file FILE`)";
}
