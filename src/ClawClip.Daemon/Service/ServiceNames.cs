using System.Security.Cryptography;
using System.Text;

namespace ClawClip.Daemon.Service;

/// <summary>
/// The names of one repository's service: its folder name, for a person reading <c>launchctl list</c>, and a
/// short hash of its full path, so that two repositories with the same folder name do not collide.
/// </summary>
internal static class ServiceNames
{
    private const int MaximumFolderLength = 40;

    /// <summary>The launchd label, like <c>dev.clawclip.myrepo-1a2b3c4d</c>; also the plist's file name without <c>.plist</c>.</summary>
    public static string LaunchdLabel(string repositoryRoot) => "dev.clawclip." + Slug(repositoryRoot);

    /// <summary>The systemd unit's file name, like <c>clawclip-myrepo-1a2b3c4d.service</c>.</summary>
    public static string SystemdUnit(string repositoryRoot) => "clawclip-" + Slug(repositoryRoot) + ".service";

    /// <summary>The folder name, reduced to the characters both launchd labels and systemd unit names allow, and the hash.</summary>
    internal static string Slug(string repositoryRoot)
    {
        var root = Path.TrimEndingDirectorySeparator(repositoryRoot);
        var folder = new StringBuilder();
        foreach (var character in Path.GetFileName(root))
        {
            var allowed = char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or '-';
            if (allowed)
            {
                folder.Append(character);
            }
            else if (folder.Length > 0 && folder[^1] != '-')
            {
                folder.Append('-');
            }

            if (folder.Length == MaximumFolderLength)
            {
                break;
            }
        }

        var name = folder.ToString().Trim('-', '.');
        if (name.Length == 0)
        {
            name = "repo";
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..8];
        return name + "-" + hash;
    }
}
