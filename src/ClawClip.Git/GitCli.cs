using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// git through its command line, in one repository, with an environment of its own: the person's
/// <c>GIT_DIR</c>, <c>GIT_INDEX_FILE</c> or editor never leak in, and git never waits for a terminal. It never runs
/// a hook or an fsmonitor, whatever the repository's config says (<see cref="NoHooks"/>): a hook planted in
/// <c>.git/hooks</c> or a <c>core.hooksPath</c>/<c>core.fsmonitor</c> in <c>.git/config</c> would otherwise run as the
/// daemon, outside every sandbox, inside claw.clip's own commits, merges and ref updates.
/// </summary>
public sealed class GitCli
{
    private readonly IProcessRunner runner;
    private readonly IReadOnlyDictionary<string, string> environment;

    public GitCli(string repositoryRoot, IProcessRunner runner)
    {
        RepositoryRoot = repositoryRoot;
        this.runner = runner;
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
