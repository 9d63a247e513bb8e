using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Tasks;
using ClawClip.Core.Tests.Escalation.Support;

namespace ClawClip.Core.Tests.Alerts;

public sealed class CommittedAlertsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Raise_HandsTheAlertOnOnlyAfterEveryChangeMadeBeforeItIsCommitted()
    {
        var store = new MemoryTaskStore(new ManualClock(At));
        var inner = new RecordingAlerts { Committed = () => store.Uncommitted == 0 };
        await store.SubmitAsync(new TaskDefinition("stuck", "spec", [], 50, [], null, [], 3), Actor.Human, "asked", CancellationToken.None);
        Assert.Equal(1, store.Uncommitted);

        await new CommittedAlerts(store, inner).RaiseAsync(new Alert(AlertKind.Escalation, "T-0001 stopped: waits for a person", "the same failure three times", At), CancellationToken.None);

        Assert.Equal("T-0001 stopped: waits for a person", Assert.Single(inner.Raised).Title);
        Assert.Equal([true], inner.CommittedAtRaise);
    }
}
