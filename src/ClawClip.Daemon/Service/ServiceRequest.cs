namespace ClawClip.Daemon.Service;

/// <summary>What to install or uninstall, and everything the installer would otherwise read from the machine.</summary>
/// <param name="Platform">Which service manager the file is for.</param>
/// <param name="Home">The user's home folder: the file goes under it.</param>
/// <param name="RepositoryRoot">The repository whose daemon the service runs.</param>
/// <param name="Program">How to start clawclip.</param>
/// <param name="Environment">The installing shell's variables; only non-secret ones are written.</param>
/// <param name="UserName">The user, for <c>loginctl enable-linger</c>.</param>
/// <param name="EnvironmentFile">An absolute path of KEY=value lines with the daemon's secrets, or null.</param>
/// <param name="Force">Replace or remove a file even when clawclip did not write it.</param>
public sealed record ServiceRequest(
    ServicePlatform Platform,
    string Home,
    string RepositoryRoot,
    ServiceProgram Program,
    IReadOnlyDictionary<string, string> Environment,
    string UserName,
    string? EnvironmentFile = null,
    bool Force = false);
