namespace ClawClip.Daemon.Service;

/// <summary>What both service files say about one repository's daemon, whatever the syntax.</summary>
internal sealed class ServiceDefinition
{
    public ServiceDefinition(string repositoryRoot, ServiceProgram program, ServiceEnvironment environment, string? environmentFile)
    {
        RepositoryRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));
        Program = program;
        Environment = environment;
        EnvironmentFile = environmentFile;
        var logs = new DaemonPaths(RepositoryRoot).LogFolder;
        StandardOutPath = Path.Combine(logs, "service.out.log");
        StandardErrorPath = Path.Combine(logs, "service.err.log");
    }

    public string RepositoryRoot { get; }

    public ServiceProgram Program { get; }

    public ServiceEnvironment Environment { get; }

    /// <summary>An absolute path of KEY=value lines with the daemon's secrets, or null.</summary>
    public string? EnvironmentFile { get; }

    public string WorkingDirectory => RepositoryRoot;

    /// <summary>Where launchd sends the daemon's stdout (systemd sends it to the journal).</summary>
    public string StandardOutPath { get; }

    public string StandardErrorPath { get; }

    /// <summary>
    /// <c>clawclip --repo ROOT daemon [--env-file FILE]</c>, program first, as an argument list. The daemon reads its
    /// env file itself, under systemd as under launchd: systemd's <c>EnvironmentFile=</c> would put the secrets in the
    /// daemon's process environment (readable in <c>/proc/PID/environ</c>, inherited by whatever it starts), where
    /// <c>--env-file</c> keeps them in memory and hands each agent only what its file lists.
    /// </summary>
    public IReadOnlyList<string> DaemonCommand => EnvironmentFile is { } file
        ? [Program.Program, .. Program.LeadingArguments, "--repo", RepositoryRoot, "daemon", "--env-file", file]
        : [Program.Program, .. Program.LeadingArguments, "--repo", RepositoryRoot, "daemon"];
}
