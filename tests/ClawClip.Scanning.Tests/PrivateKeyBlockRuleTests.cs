using ClawClip.Scanning;

namespace ClawClip.Scanning.Tests;

public sealed class PrivateKeyBlockRuleTests
{
    [Theory]
    [InlineData("RSA PRIVATE KEY")]
    [InlineData("EC PRIVATE KEY")]
    [InlineData("DSA PRIVATE KEY")]
    [InlineData("OPENSSH PRIVATE KEY")]
    [InlineData("ENCRYPTED PRIVATE KEY")]
    [InlineData("PRIVATE KEY")]
    [InlineData("PGP PRIVATE KEY BLOCK")]
    public void Scan_WhenAPrivateKeyBlockOpens_FlagsIt(string label)
    {
        var header = $"-----BEGIN {label}-----";

        var finding = Scans.AssertFlagged(RuleNames.PrivateKeyBlock, header, header);

        Assert.Equal(FindingKind.Secret, finding.Kind);
    }

    [Fact]
    public void Scan_WhenTheBlockIsInsideAString_FlagsIt()
    {
        const string Header = "-----BEGIN RSA PRIVATE KEY-----";

        Scans.AssertFlagged(RuleNames.PrivateKeyBlock, Header, $"key = \"{Header}\\nMIIEow...\"");
    }

    [Theory]
    [InlineData("-----BEGIN PUBLIC KEY-----")]
    [InlineData("-----BEGIN RSA PUBLIC KEY-----")]
    [InlineData("-----BEGIN CERTIFICATE-----")]
    [InlineData("-----BEGIN PGP PUBLIC KEY BLOCK-----")]
    [InlineData("-----END RSA PRIVATE KEY-----")]
    [InlineData("// reads a PEM file (BEGIN PRIVATE KEY) from disk")]
    public void Scan_WhenALookAlikeIsAdded_LetsItThrough(string line) => Scans.AssertClean(line);
}
