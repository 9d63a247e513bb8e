using ClawClip.Scanning;

namespace ClawClip.Scanning.Tests;

public sealed class AwsSecretAccessKeyRuleTests
{
    [Fact]
    public void Scan_WhenASecretIsAssignedToAnAwsName_FlagsIt()
    {
        var secret = Synthetic.AwsSecretAccessKey();

        var finding = Scans.AssertFlagged(RuleNames.AwsSecretAccessKey, secret, $"aws_secret_access_key = {secret}");

        Assert.Equal(FindingKind.Secret, finding.Kind);
    }

    [Fact]
    public void Scan_WhenTheNameIsInCamelCase_FlagsIt()
    {
        var secret = Synthetic.AwsSecretAccessKey(seed: 9);

        Scans.AssertFlagged(RuleNames.AwsSecretAccessKey, secret, $"  awsSecretKey: \"{secret}\"");
    }

    [Fact]
    public void Scan_WhenNoAwsNameIsOnTheLine_LetsFortyBase64CharactersThrough()
    {
        Scans.AssertClean($"checksum: {Synthetic.AwsSecretAccessKey()}");
    }

    [Theory]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("aws_secret_access_key = 3f786850e387550fdab836ed7e6dc881de23001b")] // a SHA-1
    [InlineData("aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}")]
    [InlineData("aws_secret_access_key = abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN")] // no digit
    [InlineData("aws_secret_access_key = abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN12")] // 42 characters
    public void Scan_WhenALookAlikeIsAdded_LetsItThrough(string line) => Scans.AssertClean(line);
}
