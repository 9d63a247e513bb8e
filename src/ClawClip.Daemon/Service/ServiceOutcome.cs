namespace ClawClip.Daemon.Service;

/// <summary>What the installer did, and what the person should run next: the commands are printed, never run.</summary>
/// <param name="Status">What happened to the file.</param>
/// <param name="FilePath">The plist or unit file.</param>
/// <param name="Content">Its content as generated (install and preview), or null.</param>
/// <param name="Run">The commands that load, start or stop the service, in order.</param>
/// <param name="Check">Commands that show whether it runs, and its output.</param>
/// <param name="Notes">What the person should know: authentication, secrets left out, the environment file.</param>
public sealed record ServiceOutcome(
    ServiceFileStatus Status,
    string FilePath,
    string? Content,
    IReadOnlyList<string> Run,
    IReadOnlyList<string> Check,
    IReadOnlyList<string> Notes);
