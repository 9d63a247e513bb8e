using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;
using ClawClip.Daemon.Tests.Notifications.Support;
using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon.Tests.Logging;

public sealed class LoggingObserverTests
{
    private readonly RecordingLogger<LoggingObserver> logger = new();

    [Fact]
    public void Warned_IsLoggedAtWarningLevel_WithTheTaskAsAProperty_AndWithoutATextPrefix()
    {
        IPipelineObserver observer = new LoggingObserver(logger);

        observer.Warned(TaskId.Parse("T-0007"), "qa-1 gave no usable verdict: not JSON");
        observer.Warned(null, "dev-1 is paused (budget.agent-limit): spent 0.03 of 0.02 USD today");

        Assert.Equal([LogLevel.Warning, LogLevel.Warning], logger.Entries.Select(e => e.Level));
        Assert.Equal("T-0007 qa-1 gave no usable verdict: not JSON", logger.Entries[0].Message);
        Assert.Equal("T-0007", logger.Entries[0].Properties["Task"]);
        Assert.Equal("dev-1 is paused (budget.agent-limit): spent 0.03 of 0.02 USD today", logger.Entries[1].Message);
    }

    [Fact]
    public void NotedAndSaid_StayAtInformationLevel()
    {
        var observer = new LoggingObserver(logger);

        observer.Noted(TaskId.Parse("T-0007"), "claimed by dev-1 (intern)");
        observer.Said("G-1 planned: T-0007");

        Assert.Equal([LogLevel.Information, LogLevel.Information], logger.Entries.Select(e => e.Level));
    }
}
