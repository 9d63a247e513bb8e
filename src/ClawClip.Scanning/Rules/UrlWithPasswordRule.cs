using System.Text.RegularExpressions;

namespace ClawClip.Scanning.Rules;

/// <summary>
/// A URL carrying a password: <c>scheme://user:password@host</c> (database connection strings, git remotes, proxies).
/// The whole URL is the value, since user, password and host together are the credential. A password that is a
/// placeholder (<see cref="Placeholders"/>) is let through.
/// </summary>
internal sealed partial class UrlWithPasswordRule : IScanRule
{
    public string Name => RuleNames.UrlWithPassword;

    public FindingKind Kind => FindingKind.Secret;

    public IEnumerable<string> Matches(string line)
    {
        foreach (Match match in UrlWithUserInfo().Matches(line))
        {
            if (!Placeholders.IsPlaceholder(match.Groups["password"].Value))
            {
                yield return match.Value;
            }
        }
    }

    [GeneratedRegex(
        @"\b[A-Za-z][A-Za-z0-9+.\-]*://(?<user>[^\s:/@]+):(?<password>[^\s/@]+)@(?<host>[A-Za-z0-9\[][^\s/@""'<>]*)",
        RegexOptions.CultureInvariant)]
    private static partial Regex UrlWithUserInfo();
}
