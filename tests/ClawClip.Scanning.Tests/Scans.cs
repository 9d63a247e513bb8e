using ClawClip.Scanning;

namespace ClawClip.Scanning.Tests;

/// <summary>
/// Scans single lines with every rule and asserts without ever printing a value: a failing assertion shows the
/// findings (redacted) and the rule, never the synthetic secret, so test output holds no full value either.
/// </summary>
internal static class Scans
{
    private static readonly SecretScanner Scanner = new();

    public static IReadOnlyList<Finding> Of(string line) =>
        Scanner.Scan("config/app.env", [new AddedLine(7, line)]);

    /// <summary>The line gives exactly one finding, by <paramref name="rule"/>, and no finding holds <paramref name="value"/>.</summary>
    public static Finding AssertFlagged(string rule, string value, string line)
    {
        var findings = Of(line);
        var finding = Assert.Single(findings);
        Assert.Equal(rule, finding.Rule);
        Assert.Equal("config/app.env", finding.Path);
        Assert.Equal(7, finding.Line);
        Assert.False(finding.ToString().Contains(value, StringComparison.Ordinal), "the finding holds the full value");
        Assert.False(finding.Redacted.Contains(value, StringComparison.Ordinal), "the redaction holds the full value");
        return finding;
    }

    /// <summary>No rule flags the line (a look-alike: printing it is fine, it is not a secret).</summary>
    public static void AssertClean(string line) => Assert.Empty(Of(line));
}
