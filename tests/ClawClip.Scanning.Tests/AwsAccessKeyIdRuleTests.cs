using ClawClip.Scanning;

namespace ClawClip.Scanning.Tests;

public sealed class AwsAccessKeyIdRuleTests
{
    [Fact]
    public void Scan_WhenALongTermKeyIdIsAdded_FlagsIt()
    {
        var keyId = Synthetic.AwsAccessKeyId();

        var finding = Scans.AssertFlagged(RuleNames.AwsAccessKeyId, keyId, $"AWS_ACCESS_KEY_ID={keyId}");

        Assert.Equal(FindingKind.Secret, finding.Kind);
        Assert.StartsWith("AKIA…", finding.Redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_WhenATemporaryKeyIdIsAdded_FlagsIt()
    {
        var keyId = Synthetic.AwsAccessKeyId("ASIA");

        Scans.AssertFlagged(RuleNames.AwsAccessKeyId, keyId, $"\"accessKeyId\": \"{keyId}\",");
    }

    [Theory]
    [InlineData("aws_access_key_id = AKIAIOSFODNN7EXAMPLE")]
    [InlineData("key: AKIAIOSFODNN8EXAMPLE")]
    [InlineData("key: AKIA1234567890123456")] // 0, 1, 8, 9 are not base32
    [InlineData("key: AKIAABCDEFGHIJKLMNO")] // 15 characters
    [InlineData("key: XAKIAABCDEFGHIJKLMNOP")] // inside a longer word
    [InlineData("key: akiaabcdefghijklmnop")]
    public void Scan_WhenALookAlikeIsAdded_LetsItThrough(string line) => Scans.AssertClean(line);
}
