using ClawClip.Scanning.Rules;

namespace ClawClip.Scanning;

/// <summary>
/// Finds secrets and personal data in the lines a change adds to a file. Each rule is small and named
/// (<see cref="RuleNames"/>); a finding says where and which rule, and shows the value only redacted, so what the
/// scanner reports can be logged and sent on without leaking what it found.
/// </summary>
public sealed class SecretScanner
{
    private readonly IReadOnlyList<IScanRule> _rules;

    /// <summary>A scanner with every rule.</summary>
    public SecretScanner()
        : this(
        [
            new AwsAccessKeyIdRule(),
            new AwsSecretAccessKeyRule(),
            new GitHubTokenRule(),
            new PrivateKeyBlockRule(),
            new UrlWithPasswordRule(),
            new PersonalEmailRule(),
            new CardNumberRule(),
        ])
    {
    }

    internal SecretScanner(IReadOnlyList<IScanRule> rules) => _rules = rules;

    /// <summary>The names of the rules this scanner applies.</summary>
    public IReadOnlyList<string> Rules => [.. _rules.Select(rule => rule.Name)];

    /// <summary>
    /// The findings in <paramref name="lines"/>, added to <paramref name="path"/>, in line order then rule order.
    /// </summary>
    /// <exception cref="ArgumentException">The path is empty, or a line number is below 1.</exception>
    public IReadOnlyList<Finding> Scan(string path, IEnumerable<AddedLine> lines)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(lines);

        var findings = new List<Finding>();
        foreach (var line in lines)
        {
            if (line.Number < 1)
            {
                throw new ArgumentException($"{path}: line number {line.Number} is not 1 or more.", nameof(lines));
            }

            if (line.Text is null)
            {
                throw new ArgumentException($"{path}: line {line.Number} has no text.", nameof(lines));
            }

            foreach (var rule in _rules)
            {
                foreach (var value in rule.Matches(line.Text))
                {
                    findings.Add(new Finding(path, line.Number, rule.Name, rule.Kind, Redaction.Of(value)));
                }
            }
        }

        return findings;
    }
}
