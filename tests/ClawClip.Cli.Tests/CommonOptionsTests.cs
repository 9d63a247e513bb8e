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

    [Theory]
    [InlineData(null, null)]
    [InlineData("1", 1)]
    [InlineData("32", 32)]
    public void ParseMaxParallel_ReadsAWholeNumberInRange_OrNothing(string? text, int? expected)
    {
        Assert.Equal(expected, CommonOptions.ParseMaxParallel(text));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("33")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("")]
    public void ParseMaxParallel_RefusesAnythingElse_WithTheUsageExitCode(string text)
    {
        var error = Assert.Throws<CliException>(() => CommonOptions.ParseMaxParallel(text));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal($"--max-parallel must be a whole number from 1 to 32, not '{text}'", error.Message);
    }
}
