using System.Text.Json;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Daemon.Notifications;
using ClawClip.Daemon.Tests.Notifications.Support;
using ClawClip.FakeWebhook;

namespace ClawClip.Daemon.Tests.Notifications;

public sealed class WebhookNotifierTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Notify_AnEscalationAndABudgetWarning_ArriveAtALocalWebhookListener()
    {
        await using var rig = new NotifierRig();

        await rig.Notifier.NotifyAsync(Notification.Escalation(TaskId.Parse("T-0007"), "QA gave no verdict twice.", NotifierRig.Start, AgentId.Parse("dev-1")), None);
        await rig.Notifier.NotifyAsync(Notification.BudgetWarning("the day", 8m, 10m, NotifierRig.Start), None);

        var escalation = await rig.Listener.NextAsync();
        var budget = await rig.Listener.NextAsync();
        Assert.Equal("POST", escalation.Method);
        Assert.Equal(rig.Listener.Url.AbsolutePath, escalation.Path);
        Assert.StartsWith("application/json", escalation.ContentType, StringComparison.Ordinal);
        Assert.Contains("T-0007 needs a human", escalation.Header, StringComparison.Ordinal);
        Assert.Contains("Budget warning: the day", budget.Header, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(budget.Body);
        Assert.Contains("8.00 of 10.00 USD spent (80%)", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        await rig.Log.WaitForAsync("Delivered", 2);
        Assert.All(rig.Log.Named("Delivered"), e => Assert.Equal(1, e["Attempt"]));
    }

    [Fact]
    public async Task Send_WhenTheWebhookFailsTwice_RetriesWithBackoffAndDelivers()
    {
        await using var rig = new NotifierRig();
        rig.Listener.Script(Reply.ServerError, Reply.ServerError);

        await rig.Notifier.NotifyAsync(NotifierRig.Info("A"), None);

        var first = await rig.Listener.NextAsync();
        Assert.Equal(TimeSpan.FromSeconds(1), await rig.AdvanceThroughBackoffAsync());
        var second = await rig.Listener.NextAsync();
        Assert.Equal(TimeSpan.FromSeconds(2), await rig.AdvanceThroughBackoffAsync());
        var third = await rig.Listener.NextAsync();
        var delivered = await rig.Log.WaitForAsync("Delivered");
        Assert.Equal(3, delivered["Attempt"]);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Body, third.Body);
        Assert.Equal([1, 2], rig.Log.Named("Retrying").Select(e => e["Attempt"]));
        Assert.All(rig.Log.Named("Retrying"), e => Assert.Contains("HTTP 500", (string)e["Problem"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_WhenTheWebhookIsRateLimited_WaitsForItsRetryAfter()
    {
        await using var rig = new NotifierRig();
        rig.Listener.Script(Reply.TooManyRequests("30"));

        await rig.Notifier.NotifyAsync(NotifierRig.Info("A"), None);

        await rig.Listener.NextAsync();
        Assert.Equal(TimeSpan.FromSeconds(30), await rig.AdvanceThroughBackoffAsync());
        await rig.Listener.NextAsync();
        Assert.Equal(2, (await rig.Log.WaitForAsync("Delivered"))["Attempt"]);
    }

    [Fact]
    public async Task Send_WhenTheConnectionDrops_RetriesAndDelivers()
    {
        await using var rig = new NotifierRig();
        rig.Listener.Script(Reply.DropConnection);

        await rig.Notifier.NotifyAsync(NotifierRig.Info("A"), None);

        await rig.Listener.NextAsync();
        await rig.AdvanceThroughBackoffAsync();
        await rig.Listener.NextAsync();
        Assert.Equal(2, (await rig.Log.WaitForAsync("Delivered"))["Attempt"]);
        Assert.Contains("could not reach the webhook", (string)rig.Log.Named("Retrying").Single()["Problem"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WhenTheWebhookHangs_TimesTheAttemptOutOnTheClockAndRetries()
    {
        var timeout = TimeSpan.FromSeconds(10);
        await using var rig = new NotifierRig(attemptTimeout: timeout);
        rig.Listener.Script(Reply.Hang);

        await rig.Notifier.NotifyAsync(NotifierRig.Info("A"), None);

        await rig.Listener.NextAsync();
        rig.Clock.Advance(await rig.Clock.WaitForTimerAsync(d => d == timeout).WaitAsync(WebhookListener.Deadline));
        await rig.AdvanceThroughBackoffAsync();
        Assert.Equal("no answer within 10 s", Assert.Single(rig.Log.Named("Retrying"))["Problem"]);
        await rig.Listener.NextAsync();
        Assert.Equal(2, (await rig.Log.WaitForAsync("Delivered"))["Attempt"]);
    }

    [Fact]
    public async Task Send_WhenTheWebhookAnswers400_DoesNotRetryAndGoesOnWithTheNext()
    {
        await using var rig = new NotifierRig();
        rig.Listener.Script(Reply.BadRequest);

        await rig.Notifier.NotifyAsync(NotifierRig.Info("A"), None);
        await rig.Notifier.NotifyAsync(NotifierRig.Info("B"), None);

        Assert.EndsWith("A", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        Assert.EndsWith("B", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        await rig.Log.WaitForAsync("Delivered");
        var rejected = Assert.Single(rig.Log.Named("Rejected"));
        Assert.Equal("A", rejected["Title"]);
        Assert.Equal("HTTP 400 BadRequest: invalid_payload", rejected["Problem"]);
        Assert.Empty(rig.Log.Named("Retrying"));
        Assert.Equal(2, rig.Listener.Count);
    }

    [Fact]
    public async Task Send_SeveralNotificationsThroughFailures_DeliversThemInOrder()
    {
        await using var rig = new NotifierRig();
        rig.Listener.Script(Reply.ServerError, Reply.Ok, Reply.TooManyRequests("5"), Reply.Ok, Reply.Ok);

        foreach (var title in new[] { "A", "B", "C" })
        {
            await rig.Notifier.NotifyAsync(NotifierRig.Info(title), None);
        }

        Assert.EndsWith("A", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        await rig.AdvanceThroughBackoffAsync();
        Assert.EndsWith("A", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        Assert.EndsWith("B", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        await rig.AdvanceThroughBackoffAsync();
        Assert.EndsWith("B", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        Assert.EndsWith("C", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        await rig.Log.WaitForAsync("Delivered", 3);
        Assert.Equal(["A", "B", "C"], rig.Log.Named("Delivered").Select(e => e["Title"]));
    }

    [Fact]
    public async Task Notify_WhenTheWebhookAlwaysFails_NeverThrowsGivesUpAfterTheLastAttemptAndKeepsSending()
    {
        await using var rig = new NotifierRig(maxAttempts: 3);
        rig.Listener.Otherwise = Reply.ServerError;

        await rig.Notifier.NotifyAsync(NotifierRig.Info("A"), None);
        await rig.Listener.NextAsync();
        await rig.AdvanceThroughBackoffAsync();
        await rig.Listener.NextAsync();
        await rig.AdvanceThroughBackoffAsync();
        await rig.Listener.NextAsync();

        var gaveUp = await rig.Log.WaitForAsync("GaveUp");
        Assert.Equal(3, gaveUp["Attempts"]);
        Assert.Equal("A", gaveUp["Title"]);
        rig.Listener.Otherwise = Reply.Ok;
        await rig.Notifier.NotifyAsync(NotifierRig.Info("B"), None);
        Assert.EndsWith("B", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        Assert.Equal("B", (await rig.Log.WaitForAsync("Delivered"))["Title"]);
    }

    [Fact]
    public async Task Notify_WhenTheQueueIsFull_DropsTheOldestWaitingAndCountsIt()
    {
        await using var rig = new NotifierRig(queueCapacity: 2, attemptTimeout: TimeSpan.FromSeconds(10));
        rig.Listener.Script(Reply.Hang);
        await rig.Notifier.NotifyAsync(NotifierRig.Info("A"), None);
        await rig.Listener.NextAsync();

        foreach (var title in new[] { "B", "C", "D" })
        {
            await rig.Notifier.NotifyAsync(NotifierRig.Info(title), None);
        }

        Assert.Equal(1, rig.Notifier.DroppedCount);
        var dropped = Assert.Single(rig.Log.Named("Dropped"));
        Assert.Equal("B", dropped["Title"]);
        Assert.Equal(1L, dropped["Dropped"]);
        rig.Clock.Advance(TimeSpan.FromSeconds(10));
        await rig.AdvanceThroughBackoffAsync();
        Assert.EndsWith("A", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        Assert.EndsWith("C", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        Assert.EndsWith("D", (await rig.Listener.NextAsync()).Header, StringComparison.Ordinal);
        await rig.Log.WaitForAsync("Delivered", 3);
        Assert.Equal(["A", "C", "D"], rig.Log.Named("Delivered").Select(e => e["Title"]));
    }

    [Fact]
    public async Task Notify_WhileTheWebhookHangs_ReturnsAtOnce()
    {
        await using var rig = new NotifierRig();
        rig.Listener.Otherwise = Reply.Hang;
        await rig.Notifier.NotifyAsync(NotifierRig.Info("A"), None);
        await rig.Listener.NextAsync();

        for (var i = 0; i < 500; i++)
        {
            var notified = rig.Notifier.NotifyAsync(NotifierRig.Info($"N{i}"), None);

            // Completed before it returned: no await, no network, on the caller's path.
            Assert.True(notified.IsCompletedSuccessfully);
        }

        Assert.Equal(1, rig.Listener.Count);
        Assert.Equal(500 - rig.Options.QueueCapacity, rig.Notifier.DroppedCount);
    }

    [Fact]
    public async Task Dispose_WithNotificationsQueued_DeliversThemBeforeItReturns()
    {
        await using var rig = new NotifierRig();
        foreach (var title in new[] { "A", "B", "C" })
        {
            await rig.Notifier.NotifyAsync(NotifierRig.Info(title), None);
        }

        await rig.Notifier.DisposeAsync().AsTask().WaitAsync(WebhookListener.Deadline);

        Assert.Equal(3, rig.Listener.Count);
        Assert.Equal(["A", "B", "C"], rig.Log.Named("Delivered").Select(e => e["Title"]));
    }

    [Fact]
    public async Task Dispose_WhileTheWebhookHangs_GivesUpAtTheFlushDeadline()
    {
        await using var rig = new NotifierRig();
        rig.Listener.Otherwise = Reply.Hang;
        await rig.Notifier.NotifyAsync(NotifierRig.Info("A"), None);
        await rig.Notifier.NotifyAsync(NotifierRig.Info("B"), None);
        await rig.Listener.NextAsync();

        var disposing = rig.Notifier.DisposeAsync().AsTask();
        rig.Clock.Advance(await rig.Clock.WaitForTimerAsync(d => d == rig.Options.FlushTimeout).WaitAsync(WebhookListener.Deadline));
        await disposing.WaitAsync(WebhookListener.Deadline);

        var abandoned = Assert.Single(rig.Log.Named("Abandoned"));
        Assert.Equal(2, abandoned["Undelivered"]);
        Assert.Equal(1, rig.Listener.Count);
    }

    [Fact]
    public async Task Dispose_DuringABackoffWait_MakesOneLastAttemptAtOnce()
    {
        await using var rig = new NotifierRig();
        rig.Listener.Script(Reply.ServerError, Reply.ServerError);
        await rig.Notifier.NotifyAsync(NotifierRig.Info("A"), None);
        await rig.Notifier.NotifyAsync(NotifierRig.Info("B"), None);
        await rig.Listener.NextAsync();
        await rig.Clock.WaitForTimerAsync(d => d <= rig.Options.MaxDelay).WaitAsync(WebhookListener.Deadline);

        await rig.Notifier.DisposeAsync().AsTask().WaitAsync(WebhookListener.Deadline);

        // A's last attempt fails (the second scripted 500) and is not retried; B, queued, still gets its one attempt.
        Assert.Equal(3, rig.Listener.Count);
        Assert.Equal("A", Assert.Single(rig.Log.Named("UndeliveredAtShutdown"))["Title"]);
        Assert.Equal("B", Assert.Single(rig.Log.Named("Delivered"))["Title"]);
    }

    [Fact]
    public async Task Notify_AfterDispose_IsLoggedNotThrown()
    {
        await using var rig = new NotifierRig();
        await rig.Notifier.DisposeAsync();

        await rig.Notifier.NotifyAsync(NotifierRig.Info("late"), None);

        Assert.Equal("late", Assert.Single(rig.Log.Named("NotAccepted"))["Title"]);
        Assert.Equal(0, rig.Listener.Count);
    }
}
