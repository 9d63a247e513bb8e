using ClawClip.Scanning;

namespace ClawClip.Scanning.Tests;

public sealed class GitHubTokenRuleTests
{
    [Theory]
    [InlineData("ghp_")]
    [InlineData("gho_")]
    [InlineData("ghu_")]
    [InlineData("ghs_")]
    [InlineData("ghr_")]
    public void Scan_WhenATokenWithAValidChecksumIsAdded_FlagsIt(string prefix)
    {
        var token = Synthetic.GitHubToken(prefix);

        var finding = Scans.AssertFlagged(RuleNames.GitHubToken, token, $"GITHUB_TOKEN={token}");

        Assert.Equal(FindingKind.Secret, finding.Kind);
        Assert.StartsWith(prefix + "…", finding.Redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_WhenManyGeneratedTokensAreAdded_FlagsEveryOne()
    {
        // Many seeds cover checksums of every length before padding, including ones that start with 0.
        for (var seed = 0; seed < 500; seed++)
        {
            var token = Synthetic.GitHubToken(seed: seed);
            Assert.True(Scans.Of(token).Count == 1, $"the token made from seed {seed} was not flagged");
        }
    }

    [Fact]
    public void Scan_WhenTheChecksumIsWrong_LetsItThrough()
    {
        var token = Synthetic.GitHubTokenWithBadChecksum();

        Assert.True(Scans.Of($"GITHUB_TOKEN={token}").Count == 0, "a token with a bad checksum was flagged");
    }

    [Theory]
    [InlineData("token: ghp_abcdefghijklmnopqrstuvwxyzABCD012345")] // the documentation's example shape
    [InlineData("token: ghp_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("token: ghx_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("token: ghp_${GITHUB_TOKEN}")]
    public void Scan_WhenALookAlikeIsAdded_LetsItThrough(string line) => Scans.AssertClean(line);
}
