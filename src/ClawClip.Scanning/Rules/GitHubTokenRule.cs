using System.Text.RegularExpressions;

namespace ClawClip.Scanning.Rules;

/// <summary>
/// A GitHub token in the 2021 format: ghp_/gho_/ghu_/ghs_/ghr_, 30 random base62 characters, then the CRC32 of those
/// 30 in base62 (0–9, A–Z, a–z), left-padded with 0 to 6 characters. The checksum is verified, so a random string
/// of the same shape (one in 62^6 chance of passing) is let through, and a real token is not missed for looking odd.
/// </summary>
internal sealed partial class GitHubTokenRule : IScanRule
{
    public string Name => RuleNames.GitHubToken;

    public FindingKind Kind => FindingKind.Secret;

    public IEnumerable<string> Matches(string line)
    {
        foreach (Match match in Token().Matches(line))
        {
            if (HasValidChecksum(match.Groups["random"].Value, match.Groups["checksum"].Value))
            {
                yield return match.Value;
            }
        }
    }

    /// <summary>The six-character checksum GitHub appends to <paramref name="random"/>.</summary>
    internal static string Checksum(string random) =>
        Base62.Encode(Crc32.Of(random)).PadLeft(6, '0');

    private static bool HasValidChecksum(string random, string checksum) =>
        string.Equals(Checksum(random), checksum, StringComparison.Ordinal);

    [GeneratedRegex(
        @"(?<![A-Za-z0-9_])gh[pousr]_(?<random>[A-Za-z0-9]{30})(?<checksum>[A-Za-z0-9]{6})(?![A-Za-z0-9_])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
