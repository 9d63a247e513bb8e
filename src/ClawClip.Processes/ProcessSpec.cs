using System.Collections.Immutable;

namespace ClawClip.Processes;

/// <summary>
/// Everything needed to start one external process: the program, its arguments as a list (never a
/// command line, never a shell), its working directory, its complete environment, its standard input
/// and its limits. Immutable: the collections given are copied.
/// </summary>
/// <remarks>
/// A <see cref="FileName"/> without a '/' is looked up in the PATH the child will see
/// (<see cref="Environment"/>, or the parent's when <see cref="InheritEnvironment"/> is set); when the
/// child has no PATH, in the parent's PATH. A relative path with a '/' is taken relative to
/// <see cref="WorkingDirectory"/> (or the parent's current directory when that is null).
/// </remarks>
public sealed record ProcessSpec
{
    /// <summary>4 MiB per stream: enough for any git porcelain output worth keeping, small enough to hold many.</summary>
    public const int DefaultMaxOutputBytes = 4 * 1024 * 1024;

    // CancellationTokenSource refuses longer delays.
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly string _fileName = "";
    private readonly ImmutableArray<string> _arguments = [];
    private readonly ImmutableDictionary<string, string> _environment = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);
    private readonly TimeSpan? _timeout;
    private readonly int _maxOutputBytes = DefaultMaxOutputBytes;

    /// <summary>The program: an absolute path, a relative path containing '/', or a bare name looked up in PATH.</summary>
    public required string FileName
    {
        get => _fileName;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            RejectNul(value, nameof(FileName));
            _fileName = value;
        }
    }

    /// <summary>The arguments, each passed to the child as one argv entry, unchanged.</summary>
    public IReadOnlyList<string> Arguments
    {
        get => _arguments;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var argument in value)
            {
                ArgumentNullException.ThrowIfNull(argument, nameof(Arguments));
                RejectNul(argument, nameof(Arguments));
            }

            _arguments = [.. value];
        }
    }

    /// <summary>The child's working directory; null for the parent's current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// The complete environment the child sees when <see cref="InheritEnvironment"/> is false; laid over
    /// the parent's environment when it is true. Names are case-sensitive.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get => _environment;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var (name, text) in value)
            {
                if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"'{name}' is not an environment variable name: it must be non-empty and contain no '='.", nameof(Environment));
                }

                RejectNul(name, nameof(Environment));
                ArgumentNullException.ThrowIfNull(text, nameof(Environment));
                RejectNul(text, nameof(Environment));
            }

            _environment = value.ToImmutableDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>False (the default): the child sees only <see cref="Environment"/>. True: the parent's environment overlaid by it.</summary>
    public bool InheritEnvironment { get; init; }

    /// <summary>Bytes written to the child's standard input, which is then closed. Null: closed at once, so a reader sees end of file.</summary>
    public ReadOnlyMemory<byte>? StandardInput { get; init; }

    /// <summary>
    /// A file where the runner records the child's process group while it runs (where children get their own group),
    /// removed when the run ends. If the runner dies, the child lives on in its own session; whoever takes its work
    /// over kills that group first (<see cref="LeftoverProcesses"/>).
    /// </summary>
    public string? GroupFile { get; init; }

    /// <summary>
    /// Null: the process runs as it is (claw.clip's own git in its own repository). Set: it runs inside the runner's
    /// sandbox, seeing only what this allows (agents, checks, the gate, git in an agent's clone).
    /// </summary>
    public Sandboxing.Confinement? Confinement { get; init; }

    /// <summary>After this long the whole process tree is killed and the result says <see cref="ProcessResult.TimedOut"/>. Null: no limit.</summary>
    public TimeSpan? Timeout
    {
        get => _timeout;
        init
        {
            if (value is { } timeout && (timeout <= TimeSpan.Zero || timeout > LongestTimeout))
            {
                throw new ArgumentOutOfRangeException(nameof(Timeout), timeout, $"A timeout must be positive and at most {LongestTimeout}; use null for none.");
            }

            _timeout = value;
        }
    }

    /// <summary>
    /// The most bytes kept of each of stdout and stderr. Past it the first half and the last half are
    /// kept (the head says what ran, the tail why it failed) and the rest is counted but dropped.
    /// </summary>
    public int MaxOutputBytes
    {
        get => _maxOutputBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxOutputBytes = value;
        }
    }

    /// <summary>A spec for <paramref name="fileName"/> with <paramref name="arguments"/>, an empty environment and the defaults.</summary>
    public static ProcessSpec Create(string fileName, params string[] arguments) =>
        new() { FileName = fileName, Arguments = arguments };

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/> in <see cref="Environment"/>.</summary>
    public ProcessSpec WithEnvironmentVariable(string name, string value) =>
        this with { Environment = _environment.SetItem(name, value) };

    /// <summary>
    /// A copy that also passes on the named variables of the parent's environment (those that are set),
    /// for the usual case of an explicit environment that still needs, say, PATH and HOME.
    /// </summary>
    public ProcessSpec WithEnvironmentFromParent(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var environment = _environment;
        foreach (var name in names)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment = environment.SetItem(name, value);
            }
        }

        return this with { Environment = environment };
    }

    /// <summary>A copy whose standard input is <paramref name="text"/> encoded as UTF-8 (without a byte order mark).</summary>
    public ProcessSpec WithStandardInput(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return this with { StandardInput = System.Text.Encoding.UTF8.GetBytes(text) };
    }

    /// <summary>The program and its arguments, each quoted as a POSIX shell would need it; never the environment or input.</summary>
    public override string ToString() => CommandLineDisplay.Format(FileName, Arguments);

    private static void RejectNul(string value, string parameterName)
    {
        // The OS passes argv and envp as C strings: a NUL would silently cut the value short.
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A process argument, environment entry or file name cannot contain a NUL character.", parameterName);
        }
    }
}
