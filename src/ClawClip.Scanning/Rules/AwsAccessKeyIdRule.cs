using System.Text.RegularExpressions;

namespace ClawClip.Scanning.Rules;

/// <summary>
/// An AWS access key id: AKIA (long-term) or ASIA (temporary) and 16 characters of base32 (A–Z, 2–7). Ids ending in
/// EXAMPLE are AWS's own published examples (AKIAIOSFODNN7EXAMPLE) and are let through.
/// </summary>
internal sealed partial class AwsAccessKeyIdRule : IScanRule
{
    public string Name => RuleNames.AwsAccessKeyId;

    public FindingKind Kind => FindingKind.Secret;

    public IEnumerable<string> Matches(string line)
    {
        foreach (Match match in KeyId().Matches(line))
        {
            if (!match.Value.EndsWith("EXAMPLE", StringComparison.Ordinal))
            {
                yield return match.Value;
            }
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex KeyId();
}
