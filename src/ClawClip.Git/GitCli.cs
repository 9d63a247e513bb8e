using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Git;

/// <summary>
/// git through its command line, in one repository, with an environment of its own: the person's
/// <c>GIT_DIR</c>, <c>GIT_INDEX_FILE</c> or editor never leak in, and git never waits for a terminal. It never runs
/// a hook or an fsmonitor, whatever the repository's config says (<see cref="NoHooks"/>): a hook planted in
/// <c>.git/hooks</c> or a <c>core.hooksPath</c>/<c>core.fsmonitor</c> in <c>.git/config</c> would otherwise run as the
/// daemon, outside every sandbox, inside claw.clip's own commits, merges and ref updates. Given a
/// <see cref="Confinement"/>, every command runs inside the runner's sandbox: that is how claw.clip runs git in an
/// agent's clone, whose config (diff and merge drivers, filters, <c>core.sshCommand</c>, a signing program) is the
/// agent's to write.
/// </summary>
public sealed class GitCli
{
    private readonly IProcessRunner runner;
    private readonly IReadOnlyDictionary<string, string> environment;

    /// <param name="repositoryRoot">Where git runs (<c>-C</c>).</param>
    /// <param name="runner">Starts git.</param>
    /// <param name="confinement">Null: git runs as the daemon (claw.clip's own repository). Set: inside the runner's sandbox.</param>
    public GitCli(string repositoryRoot, IProcessRunner runner, Confinement? confinement = null)
    {
        RepositoryRoot = repositoryRoot;
        this.runner = runner;
        Confinement = confinement;
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["LC_ALL"] = "C",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
        };
        foreach (var name in new[] { "PATH", "HOME", "TMPDIR" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                env[name] = value;
            }
        }

        environment = env;
    }

    public string RepositoryRoot { get; }

    /// <summary>What git may touch when it runs confined; null when it runs as the daemon.</summary>
    public Confinement? Confinement { get; }

    /// <summary>
    /// Before every command: hooks looked for in a path that holds none (<c>/dev/null</c> is no folder), no fsmonitor.
    /// Passed with <c>-c</c>, which outranks every config file and reaches the git processes git itself starts.
    /// </summary>
    public static IReadOnlyList<string> NoHooks { get; } = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"];

    /// <summary>Runs git; a non-zero exit is returned, not thrown.</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, ReadOnlyMemory<byte>? standardInput, CancellationToken cancellationToken) =>
        RunAsync(arguments, standardInput, extraEnvironment: null, cancellationToken);

    /// <summary>Runs git with variables added to its environment; a non-zero exit is returned, not thrown.</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, ReadOnlyMemory<byte>? standardInput, IReadOnlyDictionary<string, string>? extraEnvironment, CancellationToken cancellationToken)
    {
        var env = environment;
        if (extraEnvironment is not null)
        {
            env = new Dictionary<string, string>(environment, StringComparer.Ordinal);
            foreach (var (name, value) in extraEnvironment)
            {
                ((Dictionary<string, string>)env)[name] = value;
            }
        }

        var spec = ProcessSpec.Create("git", [.. NoHooks, "-C", RepositoryRoot, .. arguments]) with
        {
            Environment = env,
            StandardInput = standardInput,
            MaxOutputBytes = 256 * 1024 * 1024,
            Confinement = Confinement,
            WorkingDirectory = Confinement is null ? null : RepositoryRoot,
        };
        return runner.RunAsync(spec, cancellationToken);
    }

    /// <summary>Runs git and returns its stdout; a non-zero exit throws <see cref="GitCommandException"/>.</summary>
    public async Task<string> OutputAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, ReadOnlyMemory<byte>? standardInput = null)
    {
        var result = await RunAsync(arguments, standardInput, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput : throw new GitCommandException(arguments, result.ExitCode, result.StandardError);
    }
}
