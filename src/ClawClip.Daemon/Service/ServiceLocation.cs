namespace ClawClip.Daemon.Service;

/// <summary>Where one repository's service file goes, and the name launchctl or systemctl knows it by.</summary>
internal sealed class ServiceLocation
{
    private ServiceLocation(ServicePlatform platform, string name, string filePath)
    {
        Platform = platform;
        Name = name;
        FilePath = filePath;
    }

    public ServicePlatform Platform { get; }

    /// <summary>The launchd label, or the systemd unit's name with <c>.service</c>.</summary>
    public string Name { get; }

    public string FilePath { get; }

    /// <summary>systemd's link that starts the unit at login (made by <c>systemctl --user enable</c>).</summary>
    public string? WantedByLink => Platform == ServicePlatform.Linux
        ? Path.Combine(Path.GetDirectoryName(FilePath)!, "default.target.wants", Name)
        : null;

    public string Marker => Platform == ServicePlatform.MacOS ? LaunchAgentPlist.Marker : SystemdUserUnit.Marker;

    public static ServiceLocation Of(ServiceRequest request)
    {
        if (!Path.IsPathFullyQualified(request.Home))
        {
            throw new ArgumentException($"the home folder must be an absolute path, not '{request.Home}'", nameof(request));
        }

        var root = Path.GetFullPath(request.RepositoryRoot);
        if (request.Platform == ServicePlatform.MacOS)
        {
            var label = ServiceNames.LaunchdLabel(root);
            return new ServiceLocation(request.Platform, label, Path.Combine(request.Home, "Library", "LaunchAgents", label + ".plist"));
        }

        // systemd reads user units from $XDG_CONFIG_HOME/systemd/user, and from ~/.config only when that is unset.
        var configHome = request.Environment.TryGetValue("XDG_CONFIG_HOME", out var xdg) && Path.IsPathFullyQualified(xdg)
            ? xdg
            : Path.Combine(request.Home, ".config");
        var unit = ServiceNames.SystemdUnit(root);
        return new ServiceLocation(request.Platform, unit, Path.Combine(configHome, "systemd", "user", unit));
    }
}
