using System.Text;

namespace ClawClip.Processes.Sandboxing;

/// <summary>
/// The macOS policy, in Seatbelt's profile language (SBPL, read by <c>sandbox-exec -p</c>): the same boundary as
/// <see cref="Bubblewrap"/> draws on Linux. Everything is denied by default; the system is readable; the
/// confinement's writable folders and the run's temporary folder are writable; its read-only paths are readable;
/// the network is open unless the confinement closes it (then only loopback); processes may fork, exec and signal
/// only inside the sandbox. The keychain's services stay reachable, since a Claude Code login on a Mac is kept in the
/// login keychain and that is why the daemon runs as the person under launchd. Generated, tested as text and parsed
/// as an s-expression here; never run on a Mac by its authors (README says so).
/// </summary>
public static class SeatbeltProfile
{
    // What every macOS program reads: the system, its libraries and frameworks, and the developer tools.
    private static readonly string[] ReadableSystem =
    [
        "/System", "/usr", "/bin", "/sbin", "/Library/Apple", "/Library/Developer", "/Library/Frameworks",
        "/Library/Preferences", "/Applications/Xcode.app", "/opt/homebrew", "/usr/local", "/private/etc",
        "/private/var/db/timezone", "/private/var/select", "/dev",
    ];

    // Mach services a process needs to start, resolve names, read certificates and reach the keychain.
    private static readonly string[] MachServices =
    [
        "com.apple.SecurityServer", "com.apple.securityd.xpc", "com.apple.trustd", "com.apple.trustd.agent",
        "com.apple.system.opendirectoryd.libinfo", "com.apple.system.notification_center", "com.apple.system.logger",
        "com.apple.logd", "com.apple.coreservices.launchservicesd", "com.apple.CoreServices.coreservicesd",
        "com.apple.lsd.mapdb", "com.apple.diagnosticd", "com.apple.analyticsd", "com.apple.cfprefsd.daemon",
        "com.apple.cfprefsd.agent", "com.apple.dnssd.service", "com.apple.mDNSResponder", "com.apple.FSEvents",
        "com.apple.xpc.launchd.domain.system", "com.apple.ocspd",
    ];

    /// <summary>The profile for <paramref name="confinement"/>, with <paramref name="temporaryFolder"/> as the run's writable temp and <paramref name="keychain"/> the login keychain's folder (readable and writable: a token refresh writes it).</summary>
    public static string Generate(Confinement confinement, string temporaryFolder, string? keychain)
    {
        ArgumentNullException.ThrowIfNull(confinement);
        var profile = new StringBuilder();
        profile.Append("(version 1)\n");
        profile.Append("(deny default)\n");
        profile.Append("(allow process-fork)\n");
        profile.Append("(allow process-exec)\n");
        profile.Append("(allow signal (target same-sandbox))\n");
        profile.Append("(allow process-info* (target same-sandbox))\n");
        profile.Append("(allow sysctl-read)\n");
        profile.Append("(allow ipc-posix-shm-read-data ipc-posix-shm-write-data ipc-posix-sem)\n");
        profile.Append("(allow pseudo-tty)\n");
        profile.Append("(allow file-ioctl (literal \"/dev/null\") (literal \"/dev/tty\") (regex #\"^/dev/ttys[0-9]+\"))\n");
        profile.Append("(allow file-read-metadata)\n");
        AppendRule(profile, "(allow mach-lookup", MachServices.Select(service => $"(global-name {Quote(service)})"));
        AppendRule(profile, "(allow file-read*", ReadableSystem.Select(path => $"(subpath {Quote(path)})").Append("(literal \"/\")"));
        AppendRule(profile, "(allow file-write*", ["(literal \"/dev/null\")", "(literal \"/dev/tty\")", "(literal \"/dev/dtracehelper\")", "(regex #\"^/dev/ttys[0-9]+\")"]);
        if (confinement.ReadOnly.Count > 0)
        {
            AppendRule(profile, "(allow file-read*", confinement.ReadOnly.Select(path => $"(subpath {Quote(path)})"));
        }

        var writable = confinement.Writable.Append(temporaryFolder).Concat(keychain is null ? [] : [keychain]).ToArray();
        AppendRule(profile, "(allow file-read* file-write*", writable.Select(path => $"(subpath {Quote(path)})"));
        profile.Append(confinement.Network
            ? "(allow network*)\n"
            : "(allow network* (remote ip \"localhost:*\") (remote unix-socket))\n");
        return profile.ToString();
    }

    private static void AppendRule(StringBuilder profile, string head, IEnumerable<string> filters)
    {
        profile.Append(head);
        foreach (var filter in filters)
        {
            profile.Append("\n  ").Append(filter);
        }

        profile.Append(")\n");
    }

    /// <summary>An SBPL string literal: backslashes and quotes escaped, so that no path can end the string early.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Any(char.IsControl))
        {
            throw new ArgumentException($"A sandbox path cannot contain a control character: '{text}'.", nameof(text));
        }

        return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
