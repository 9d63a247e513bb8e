namespace ClawClip.Cli.Tests;

public sealed class CommonOptionsTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("0s", 0)]
    [InlineData("1.5m", 90)]
    public void ParseDuration_ReadsSecondsMinutesHoursAndDays(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), CommonOptions.ParseDuration(text));
    }

    [Theory]
    [InlineData("30")]
    [InlineData("m")]
    [InlineData("-5m")]
    [InlineData("5w")]
    [InlineData("")]
    public void ParseDuration_RefusesAnythingElse_WithTheUsageExitCode(string text)
    {
        var error = Assert.Throws<CliException>(() => CommonOptions.ParseDuration(text));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("like 90s, 30m, 2h or 1d", error.Message, StringComparison.Ordinal);
    }
}
