using System.Text.RegularExpressions;

namespace ClawClip.Scanning.Rules;

/// <summary>
/// An AWS secret access key: 40 characters of base64 on a line that names an AWS secret or key
/// (<c>aws_secret_access_key</c>, <c>AWS_SECRET</c>, <c>awsKey</c>…). Forty base64 characters alone are everywhere
/// (hashes, ids), so the name on the same line is what makes it a finding. Let through: all-hex values (a SHA-1
/// beside the name is a commit, not a key), values without both a letter and a digit, and AWS's published example.
/// </summary>
internal sealed partial class AwsSecretAccessKeyRule : IScanRule
{
    private const string PublishedExample = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public string Name => RuleNames.AwsSecretAccessKey;

    public FindingKind Kind => FindingKind.Secret;

    public IEnumerable<string> Matches(string line)
    {
        if (!AwsSecretName().IsMatch(line))
        {
            yield break;
        }

        foreach (Match match in Base64Of40().Matches(line))
        {
            var value = match.Value;
            if (value == PublishedExample || value.Contains("EXAMPLE", StringComparison.Ordinal))
            {
                continue;
            }

            if (value.All(Uri.IsHexDigit) || !value.Any(char.IsAsciiLetter) || !value.Any(char.IsAsciiDigit))
            {
                continue;
            }

            yield return value;
        }
    }

    [GeneratedRegex(@"aws.{0,20}?(?:secret|key)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AwsSecretName();

    [GeneratedRegex(@"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", RegexOptions.CultureInvariant)]
    private static partial Regex Base64Of40();
}
