using ClawClip.Scanning;

namespace ClawClip.Scanning.Tests;

public sealed class SecretScannerTests
{
    [Fact]
    public void Scan_ReportsEachFindingWithItsFileLineAndRule()
    {
        var keyId = Synthetic.AwsAccessKeyId();
        var token = Synthetic.GitHubToken();
        var lines = new[]
        {
            new AddedLine(3, "# settings"),
            new AddedLine(4, $"AWS_ACCESS_KEY_ID={keyId}"),
            new AddedLine(9, $"GITHUB_TOKEN={token} # owner jane.doe@gmail.com"),
        };

        var findings = new SecretScanner().Scan("deploy/.env", lines);

        Assert.Equal(
            [(4, RuleNames.AwsAccessKeyId), (9, RuleNames.GitHubToken), (9, RuleNames.PersonalEmail)],
            findings.Select(finding => (finding.Line, finding.Rule)));
        Assert.All(findings, finding => Assert.Equal("deploy/.env", finding.Path));
        Assert.All(findings, finding => Assert.False(
            finding.ToString().Contains(keyId, StringComparison.Ordinal) || finding.ToString().Contains(token, StringComparison.Ordinal),
            "a finding holds a full value"));
    }

    [Fact]
    public void Scan_WhenNothingMatches_ReturnsNoFindings()
    {
        var findings = new SecretScanner().Scan("src/Program.cs", [new AddedLine(1, "Console.WriteLine(\"hello\");")]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Scan_WhenALineNumberIsBelowOne_NamesTheFileAndTheNumber()
    {
        var error = Assert.Throws<ArgumentException>(() => new SecretScanner().Scan("src/a.cs", [new AddedLine(0, "x")]));

        Assert.Contains("src/a.cs", error.Message, StringComparison.Ordinal);
        Assert.Contains("line number 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_AreTheCataloguedNames()
    {
        Assert.Equal(
            [
                RuleNames.AwsAccessKeyId, RuleNames.AwsSecretAccessKey, RuleNames.GitHubToken, RuleNames.PrivateKeyBlock,
                RuleNames.UrlWithPassword, RuleNames.PersonalEmail, RuleNames.CardNumber,
            ],
            new SecretScanner().Rules);
    }
}
