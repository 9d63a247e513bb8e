using ClawClip.Core.Agents;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Agents;

/// <summary>
/// The boundary around one agent's processes, the same for every runtime: the run's clone and the agent's own home
/// are writable; the paths the run borrows (a clone's object store), the agent file's <c>readable_paths</c> and the
/// program's own files are readable; the network is open unless the agent file closes it. The agent's HOME is
/// <c>&lt;homes&gt;/&lt;agent&gt;</c>, created empty on first use and kept between runs, and HOME and the XDG folders
/// point there, so its tools keep their configuration, sessions and caches while the person's home (<c>~/.ssh</c>,
/// <c>~/.aws</c>, <c>~/.claude</c>) is not there at all. The runner's <see cref="ISandbox"/> draws the boundary; this
/// class only says where it runs.
/// </summary>
public sealed class AgentSandbox
{
    // Where a program is readable in every sandbox already (Bubblewrap binds these, Seatbelt reads them).
    private static readonly string[] SystemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/System"];

    // The XDG base folders, each under the agent's home; any other XDG_ variable (XDG_RUNTIME_DIR) names a folder that is not there.
    private static readonly (string Name, string Folder)[] XdgFolders =
        [("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"), ("XDG_DATA_HOME", ".local/share"), ("XDG_STATE_HOME", ".local/state")];

    /// <param name="home">The agent's HOME: an absolute path, created when the first run starts.</param>
    /// <param name="writablePaths">What else the agent may change (absolute paths).</param>
    /// <param name="readablePaths">What else it may read (absolute paths).</param>
    /// <param name="network">Whether it reaches the network.</param>
    public AgentSandbox(string home, IReadOnlyList<string>? writablePaths = null, IReadOnlyList<string>? readablePaths = null, bool network = true)
    {
        if (string.IsNullOrEmpty(home) || !Path.IsPathRooted(home))
        {
            throw new ArgumentException($"An agent's home is an absolute path, not '{home}'.", nameof(home));
        }

        Home = Path.TrimEndingDirectorySeparator(Path.GetFullPath(home));
        WritablePaths = writablePaths ?? [];
        ReadablePaths = readablePaths ?? [];
        Network = network;
    }

    /// <summary>The agent's HOME inside its sandbox, kept between runs.</summary>
    public string Home { get; }

    public IReadOnlyList<string> WritablePaths { get; }

    public IReadOnlyList<string> ReadablePaths { get; }

    public bool Network { get; }

    /// <summary>
    /// The sandbox <paramref name="definition"/> asks for, with its home under <paramref name="homes"/> and its
    /// <c>~/</c> paths in <paramref name="personHome"/> (the home of the person the daemon runs as).
    /// </summary>
    public static AgentSandbox For(AgentDefinition definition, string homes, string personHome)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new AgentSandbox(
            Path.Combine(homes, definition.Name.Value),
            [.. definition.WritablePaths.Select(p => Expand(p, personHome))],
            [.. definition.ReadablePaths.Select(p => Expand(p, personHome))],
            definition.Network);
    }

    /// <summary>
    /// <paramref name="spec"/> (the agent's program, to run in the request's working directory) with the agent's home in
    /// its environment and the <see cref="Confinement"/> of this run: writable clone, home and <see cref="WritablePaths"/>;
    /// readable <see cref="AgentRunRequest.ReadOnlyPaths"/>, <see cref="ReadablePaths"/> and the files of the program and
    /// of <paramref name="helpers"/>, where they live outside the system. A helper is what the program needs besides
    /// itself: a program on the agent's PATH that it starts (node, for a CLI written in JavaScript), or a file given by
    /// its absolute path (the script an interpreter runs); one that is not there is left out.
    /// </summary>
    /// <exception cref="ProcessStartException">The program is not there or not executable.</exception>
    public ProcessSpec Confine(ProcessSpec spec, AgentRunRequest request, params IEnumerable<string> helpers)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(request);
        var environment = spec.Environment
            .Where(v => !v.Key.StartsWith("XDG_", StringComparison.Ordinal))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        environment["HOME"] = Home;
        foreach (var (name, folder) in XdgFolders)
        {
            environment[name] = Path.Combine(Home, folder);
        }

        var programs = new List<string> { ProgramResolver.Resolve(spec, environment) };
        foreach (var helper in helpers)
        {
            if (Path.IsPathRooted(helper))
            {
                if (File.Exists(helper))
                {
                    programs.Add(helper);
                }

                continue;
            }

            try
            {
                programs.Add(ProgramResolver.Resolve(ProcessSpec.Create(helper) with { WorkingDirectory = spec.WorkingDirectory }, environment));
            }
            catch (ProcessStartException)
            {
                // Not on the agent's PATH: the program does without it, or fails and says so itself.
            }
        }

        Directory.CreateDirectory(Home);
        return spec with
        {
            Environment = environment,
            Confinement = new Confinement
            {
                Writable = [.. request.ReadOnlyWorkingDirectory ? [] : new[] { Path.GetFullPath(request.WorkingDirectory) }, Home, .. WritablePaths],
                ReadOnly = [.. request.ReadOnlyWorkingDirectory ? new[] { Path.GetFullPath(request.WorkingDirectory) } : [], .. request.ReadOnlyPaths, .. ReadablePaths, .. programs.SelectMany(ProgramFiles)],
                Network = Network,
            },
        };
    }

    /// <summary>
    /// What a sandbox must show of <paramref name="program"/> for it to run: nothing when it is a system program; else
    /// the program as named and, when that is a link, the npm package its target belongs to (a CLI installed with npm
    /// loads its own package's files) or else the target itself.
    /// </summary>
    internal static IEnumerable<string> ProgramFiles(string program)
    {
        var target = new FileInfo(program).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? program;
        if (IsSystem(program) && IsSystem(target))
        {
            yield break;
        }

        yield return program;
        var packages = target.LastIndexOf("/node_modules/", StringComparison.Ordinal);
        if (packages >= 0)
        {
            // node_modules/<name> or node_modules/@scope/<name>.
            var parts = target[(packages + "/node_modules/".Length)..].Split('/');
            var depth = parts[0].StartsWith('@') ? 2 : 1;
            if (parts.Length > depth)
            {
                yield return target[..(packages + "/node_modules/".Length)] + string.Join('/', parts.Take(depth));
                yield break;
            }
        }

        if (target != program)
        {
            yield return target;
        }
    }

    private static bool IsSystem(string path) =>
        SystemFolders.Any(folder => path.StartsWith(folder + "/", StringComparison.Ordinal));

    private static string Expand(string path, string personHome) =>
        path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(personHome, path[2..]) : path;
}
