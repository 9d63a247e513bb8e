using ClawClip.Daemon.Notifications;

namespace ClawClip.Daemon.Tests.Notifications;

public sealed class WebhookOptionsTests
{
    [Theory]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("mailto:ops@example.com")]
    public void Constructor_WithANonHttpUrl_RefusesWithAClearError(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => new WebhookOptions(new Uri(url), 8, TimeSpan.FromMinutes(5), 100));

        Assert.Contains("must be http:// or https://", error.Message, StringComparison.Ordinal);
        Assert.Equal("url", error.ParamName);
    }

    [Fact]
    public void Constructor_WithARelativeUrl_RefusesWithAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => new WebhookOptions(new Uri("/services/x", UriKind.Relative), 8, TimeSpan.FromMinutes(5), 100));

        Assert.Contains("must be absolute", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 300, 100)]
    [InlineData(8, 0, 100)]
    [InlineData(8, 300, 0)]
    public void Constructor_WithNoAttemptsNoDelayOrNoQueue_IsRefused(int attempts, int maxDelaySeconds, int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new WebhookOptions(new Uri("https://hooks.example.com/x"), attempts, TimeSpan.FromSeconds(maxDelaySeconds), capacity));
    }

    [Fact]
    public void FromUrl_AnHttpsUrl_TakesTheDefaults()
    {
        var options = WebhookOptions.FromUrl(" https://hooks.slack.com/services/T0/B0/abc ");

        Assert.Equal(new Uri("https://hooks.slack.com/services/T0/B0/abc"), options.Url);
        Assert.Equal(8, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxDelay);
        Assert.Equal(100, options.QueueCapacity);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AttemptTimeout);
    }

    [Theory]
    [InlineData("hooks.slack.com/services/T0/B0/secret")]
    [InlineData("ftp://hooks.slack.com/services/T0/B0/secret")]
    [InlineData("")]
    public void FromUrl_NotAnHttpUrl_IsAFormatErrorThatDoesNotEchoTheSecret(string url)
    {
        var error = Assert.Throws<FormatException>(() => WebhookOptions.FromUrl(url));

        Assert.Contains("webhook URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ShowsTheHostButNotTheSecretPath()
    {
        var options = WebhookOptions.FromUrl("https://hooks.slack.com/services/T0/B0/secret");

        Assert.Equal("webhook on https://hooks.slack.com", options.ToString());
    }

    [Fact]
    public void AttemptTimeout_OfZero_IsRefused()
    {
        var options = WebhookOptions.FromUrl("https://hooks.slack.com/services/T0/B0/x");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WebhookOptions(options.Url, 8, options.MaxDelay, 100) { AttemptTimeout = TimeSpan.Zero });
        Assert.Equal("AttemptTimeout", error.ParamName);
    }
}
