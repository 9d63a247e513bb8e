using ClawClip.Core.Agents;
using ClawClip.Core.Lineage;
using ClawClip.Core.Tasks;

namespace ClawClip.State.Tests;

public sealed class LineageFlusherOrderTests
{
    private static readonly TaskId A = TaskId.Parse("T-0001");
    private static readonly TaskId B = TaskId.Parse("T-0002");

    [Fact]
    public void Order_PutsOneTasksRecordsInEventOrder_EvenWhenTheirKeysDisagree()
    {
        // A clock that stepped back: event 2 of A got an earlier key than event 1.
        var ready = new[] { Entry("k1", A, 2), Entry("k2", B, 1), Entry("k3", A, 1) };

        var ordered = LineageFlusher.Order(ready, new Dictionary<TaskId, int>()).Select(e => (e.Task, e.EventIndex)).ToList();

        Assert.Equal([(A, 1), (B, 1), (A, 2)], ordered.Select(o => (o.Task!.Value, o.EventIndex!.Value)));
    }

    [Fact]
    public void Order_HoldsBackRecordsBehindAnEarlierTransitionStillInProgress()
    {
        var ready = new[] { Entry("k1", A, 3), Entry("k2", B, 1) };

        var ordered = LineageFlusher.Order(ready, new Dictionary<TaskId, int> { [A] = 2 }).ToList();

        Assert.Equal([B], ordered.Select(e => e.Task!.Value));
    }

    private static JournalEntry Entry(string key, TaskId task, int index) =>
        new(key, "locks/tasks/x.lock", task, index, TaskState.Backlog, new LineageRecord(key, DateTimeOffset.UnixEpoch, AgentIdentity.Human, "s", "b", [], []));
}
