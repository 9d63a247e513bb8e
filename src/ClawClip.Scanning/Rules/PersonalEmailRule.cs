using System.Text.RegularExpressions;

namespace ClawClip.Scanning.Rules;

/// <summary>
/// An email address that looks like a person's. Let through: role mailboxes (noreply, support, admin, info…, also
/// with a <c>+tag</c>), GitHub's no-reply addresses, and the domains reserved for documentation and tests
/// (example.com/.org/.net and their subdomains, and the .example, .invalid, .test, .localhost top-level domains,
/// RFC 2606). The address right after <c>user:password</c> in a URL is the URL rule's, not an email.
/// </summary>
internal sealed partial class PersonalEmailRule : IScanRule
{
    private static readonly HashSet<string> RoleMailboxes = new(StringComparer.OrdinalIgnoreCase)
    {
        "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "support", "admin",
        "administrator", "info", "contact", "hello", "help", "sales", "security", "abuse", "postmaster", "webmaster",
        "hostmaster", "root", "team", "billing", "privacy", "legal", "press", "jobs", "careers", "office", "mail",
        "notifications", "notification", "git", "bot", "feedback", "marketing", "news", "newsletter",
    };

    private static readonly string[] ReservedDomains = ["example.com", "example.org", "example.net"];

    private static readonly string[] ReservedTopLevel = ["example", "invalid", "test", "localhost"];

    public string Name => RuleNames.PersonalEmail;

    public FindingKind Kind => FindingKind.Pii;

    public IEnumerable<string> Matches(string line)
    {
        foreach (Match match in Email().Matches(line))
        {
            if (IsPersonal(match.Groups["local"].Value, match.Groups["domain"].Value.ToLowerInvariant()))
            {
                yield return match.Value;
            }
        }
    }

    private static bool IsPersonal(string local, string domain)
    {
        var mailbox = local.Split('+')[0];
        if (RoleMailboxes.Contains(mailbox))
        {
            return false;
        }

        if (domain.EndsWith("noreply.github.com", StringComparison.Ordinal))
        {
            return false;
        }

        if (ReservedDomains.Any(reserved => domain == reserved || domain.EndsWith("." + reserved, StringComparison.Ordinal)))
        {
            return false;
        }

        var topLevel = domain[(domain.LastIndexOf('.') + 1)..];
        return !ReservedTopLevel.Contains(topLevel);
    }

    [GeneratedRegex(
        @"(?<![A-Za-z0-9._%+\-:/])(?<local>[A-Za-z0-9][A-Za-z0-9._%+\-]*)@(?<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})(?![A-Za-z0-9\-])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
