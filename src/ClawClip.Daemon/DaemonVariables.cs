namespace ClawClip.Daemon;

/// <summary>
/// The variables the daemon hands out by name: its own process environment, with the <c>--env-file</c>'s lines on top.
/// The file's values stay in this object, never in the process environment: a variable set there would be inherited by
/// every process started with the parent's environment and shows in <c>/proc/&lt;pid&gt;/environ</c> of a daemon that
/// systemd started with it. Each agent gets only the names its file lists, the webhook notifier only its URL.
/// </summary>
public sealed class DaemonVariables
{
    private readonly IReadOnlyDictionary<string, string> fromFile;
    private readonly Func<string, string?> process;

    private DaemonVariables(IReadOnlyDictionary<string, string> fromFile, Func<string, string?> process)
    {
        this.fromFile = fromFile;
        this.process = process;
    }

    /// <summary>The process environment alone (no <c>--env-file</c>).</summary>
    public static DaemonVariables FromProcess { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), Environment.GetEnvironmentVariable);

    /// <summary>
    /// The process environment with <paramref name="file"/>'s variables on top (the last line of a name wins, as setting
    /// them one after another would). Throws <see cref="FormatException"/> naming the file and line, as
    /// <see cref="EnvironmentFile.Read"/> does.
    /// </summary>
    public static DaemonVariables WithFile(string file) => WithFile(file, Environment.GetEnvironmentVariable);

    /// <summary><see cref="WithFile(string)"/> over another environment than this process's (tests).</summary>
    public static DaemonVariables WithFile(string file, Func<string, string?> process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in EnvironmentFile.Read(file))
        {
            values[name] = value;
        }

        return new(values, process);
    }

    /// <summary>The value of <paramref name="name"/>: the env file's, else the process environment's, else null.</summary>
    public string? Get(string name) => fromFile.TryGetValue(name, out var value) ? value : process(name);
}
