namespace ClawClip.Daemon.Service;

/// <summary>The commands a person runs after install or uninstall, and the notes that go with them.</summary>
internal static class ServiceInstructions
{
    private const string GuiDomain = "gui/$(id -u)";

    /// <summary>Load and start; <paramref name="replaced"/>: a file of ours was there before, so the old job is probably loaded.</summary>
    public static IReadOnlyList<string> AfterInstall(ServiceLocation location, string userName, bool replaced)
    {
        var name = ShellQuoting.Quote(location.Name);
        if (location.Platform == ServicePlatform.MacOS)
        {
            var start = new List<string>();
            if (replaced)
            {
                start.Add($"launchctl bootout {GuiDomain}/{name}");
            }

            start.Add($"launchctl bootstrap {GuiDomain} {ShellQuoting.Quote(location.FilePath)}");
            start.Add($"launchctl kickstart -k {GuiDomain}/{name}");
            return start;
        }

        var commands = new List<string> { "systemctl --user daemon-reload", $"systemctl --user enable --now {name}" };
        if (replaced)
        {
            commands.Add($"systemctl --user restart {name}");
        }

        commands.Add($"loginctl enable-linger {ShellQuoting.Quote(userName)}");
        return commands;
    }

    /// <summary>
    /// Stop what is still loaded. The file is already gone (and systemd's enable link with it), so these need
    /// the name only: launchd boots a job out by label, and systemd stops a loaded unit whose file was removed.
    /// </summary>
    public static IReadOnlyList<string> AfterUninstall(ServiceLocation location)
    {
        var name = ShellQuoting.Quote(location.Name);
        return location.Platform == ServicePlatform.MacOS
            ? [$"launchctl bootout {GuiDomain}/{name}"]
            : [$"systemctl --user stop {name}", "systemctl --user daemon-reload"];
    }

    public static IReadOnlyList<string> Check(ServiceLocation location, ServiceDefinition service)
    {
        var name = ShellQuoting.Quote(location.Name);
        return location.Platform == ServicePlatform.MacOS
            ? [$"launchctl print {GuiDomain}/{name}", $"tail -f {ShellQuoting.Quote(service.StandardOutPath)} {ShellQuoting.Quote(service.StandardErrorPath)}"]
            : [$"systemctl --user status {name}", $"journalctl --user -u {name} -f"];
    }

    public static IReadOnlyList<string> Notes(ServiceLocation location, ServiceDefinition service)
    {
        var notes = new List<string>();
        if (location.Platform == ServicePlatform.MacOS)
        {
            notes.Add("auth: a LaunchAgent runs in your login session (gui/UID), where the login keychain is open, so Claude Code "
                + "finds the credentials `claude` keeps there; it does not get this shell's variables.");
        }
        else
        {
            notes.Add("auth: a systemd user service does not get this shell's variables, nor a login keychain.");
        }

        if (service.EnvironmentFile is { } file)
        {
            notes.Add($"secrets: the daemon reads KEY=value lines from {file} itself (clawclip daemon --env-file) and keeps them out of its "
                + "environment: each agent gets those its agents/*.yaml lists under env:, the webhook its URL.");
            notes.AddRange(EnvironmentFileWarnings(file));
        }
        else
        {
            notes.Add("secrets: for ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN, put KEY=value lines in a file only you can read "
                + "(chmod 600) and install with --env-file FILE, or set an apiKeyHelper in Claude Code's settings.");
        }

        foreach (var secret in service.Environment.SecretsLeftOut)
        {
            notes.Add($"secrets: {secret} is set in this shell but was not written into {location.FilePath}: a service file is no place for a secret.");
        }

        if (service.Environment.PathWasMissing)
        {
            notes.Add($"path: this shell has no PATH; the service gets {ServiceEnvironment.FallbackPath}.");
        }

        if (service.Program.LeadingArguments.Count > 0)
        {
            notes.Add($"program: the service runs {string.Join(' ', service.Program.LeadingArguments)} through {service.Program.Program}; "
                + "after rebuilding elsewhere or moving it, run `clawclip service install` again.");
        }

        notes.Add(location.Platform == ServicePlatform.MacOS
            ? $"logs: launchd writes the daemon's output to {service.StandardOutPath} and {service.StandardErrorPath}."
            : "logs: the daemon's output goes to the journal (journalctl --user).");
        return notes;
    }

    private static IEnumerable<string> EnvironmentFileWarnings(string file)
    {
        if (!File.Exists(file))
        {
            yield return $"secrets: {file} does not exist yet: the daemon refuses to start until you create it (the service tries again every 10 s).";
        }
        else if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            if ((File.GetUnixFileMode(file) & others) != 0)
            {
                yield return $"secrets: {file} can be read or written by other users: chmod 600 it.";
            }
        }
    }
}
