using ClawClip.Core.Agents;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;
using ClawClip.Core.Tests.Escalation.Support;

namespace ClawClip.Core.Tests.Pipeline;

public sealed class DevHoldingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly AgentId Dev1 = AgentId.Parse("dev-1");
    private static readonly AgentId Dev2 = AgentId.Parse("dev-2");

    private readonly Team team = new([Member("dev-1", AgentRole.Dev, 1), Member("dev-2", AgentRole.Dev, 2), Member("qa-1", AgentRole.Qa, 1)]);

    [Fact]
    public void CountFrom_CountsTasksInClaimedRunningOrReview_AndNotThoseMergingOrWaitingForAPerson()
    {
        var holdings = new DevHoldings(team);

        holdings.CountFrom([
            Held(1, "dev-1", TaskState.Review),
            Held(2, "dev-2", TaskState.Claimed),
            Held(3, "dev-2", TaskState.Merging),
            Held(4, "dev-2", TaskState.NeedsInput),
            Held(5, "dev-9", TaskState.Running), // not of this team
            Submitted(6),
        ]);

        Assert.Equal(1, holdings.Count(Dev1));
        Assert.Equal(1, holdings.Count(Dev2));
        Assert.False(holdings.MayClaim(team.Find("dev-1")!)); // its task waiting in review counts
        Assert.True(holdings.MayClaim(team.Find("dev-2")!));
    }

    [Fact]
    public void AClaim_CountsAtOnce_AndATaskThatLeftItsDev_FreesItsPlace()
    {
        var holdings = new DevHoldings(team);
        holdings.CountFrom([]);

        holdings.Add(Dev1, TaskId.Parse("T-0001"));
        Assert.False(holdings.MayClaim(team.Find("dev-1")!));

        holdings.Remove(Dev1, TaskId.Parse("T-0001"));
        Assert.True(holdings.MayClaim(team.Find("dev-1")!));
    }

    [Fact]
    public void CountFrom_ForgetsWhatItCountedBefore()
    {
        var holdings = new DevHoldings(team);
        holdings.Add(Dev1, TaskId.Parse("T-0001"));

        holdings.CountFrom([Held(2, "dev-1", TaskState.Running)]);

        Assert.Equal(1, holdings.Count(Dev1));
    }

    private static TaskRecord Submitted(int number) =>
        TaskRecord.Submit(TaskId.Parse($"T-{number:0000}"), new TaskDefinition("a task", "spec", [], 50, [], null, [], 3), "human", "submitted", "intake.submit", Now);

    private static TaskRecord Held(int number, string dev, TaskState status)
    {
        var task = Submitted(number).Claim(AgentId.Parse(dev), Tier.Intern, Now, TimeSpan.FromMinutes(30), "claimed", "claim.priority-and-skills");
        foreach (var to in Path(status))
        {
            task = task.MoveTo(to, dev, null, "moved", "test", Now, leaseLength: to.IsHeld() ? TimeSpan.FromMinutes(30) : null);
        }

        return task;
    }

    private static TaskState[] Path(TaskState status) => status switch
    {
        TaskState.Claimed => [],
        TaskState.Running => [TaskState.Running],
        TaskState.Review => [TaskState.Running, TaskState.Review],
        TaskState.Merging => [TaskState.Running, TaskState.Review, TaskState.Merging],
        _ => [TaskState.Running, TaskState.Review, status],
    };

    private static TeamMember Member(string name, AgentRole role, int maxConcurrentTasks)
    {
        var definition = new AgentDefinition(AgentId.Parse(name), role, AgentRuntime.Command, null, ["true"], [], null, maxConcurrentTasks, [], new AgentIdentity(name, name + "@agents.clawclip.invalid"), []);
        return new TeamMember(definition, new NeverRuns(), new Dictionary<string, string>(), string.Empty);
    }
}
