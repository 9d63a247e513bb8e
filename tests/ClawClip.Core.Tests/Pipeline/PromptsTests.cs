using ClawClip.Core.Agents;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Pipeline;

public sealed class PromptsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly AgentId Intern = AgentId.Parse("dev-1");
    private static readonly Worktree Worktree = new(TaskId.Parse("T-0007"), "/repo/.clawclip/worktrees/T-0007", "task/T-0007");

    [Fact]
    public void Dev_TakingOverFromAnotherAgent_CarriesTheFullHistoryAndThePreviousAgentsOutbox()
    {
        var task = Escalated();
        var outbox = new Outbox(Intern, task.Id, "wrote answer.txt; the parser still lacks nested lists", [new FollowUp("Nested lists", "parse them")], ["Should tabs count as indentation?"], At);

        var prompt = Prompts.Dev(task, Worktree, "main", DevFeedback.None, new AgentHandoff(Intern, outbox));

        Assert.Contains("## You take this task over from dev-1", prompt, StringComparison.Ordinal);
        Assert.Contains("wrote answer.txt; the parser still lacks nested lists", prompt, StringComparison.Ordinal);
        Assert.Contains("- Question: Should tabs count as indentation?", prompt, StringComparison.Ordinal);
        Assert.Contains("- Proposed follow-up: Nested lists", prompt, StringComparison.Ordinal);
        Assert.Contains("review → needs-input by qa-1 [tier.intern-needs-approval]: qa-1 approved", prompt, StringComparison.Ordinal);
        Assert.Contains("needs-input → backlog by claw.clip [escalate.needs-input]", prompt, StringComparison.Ordinal);
        Assert.Contains("  second line of the reason, kept whole in a hand-off", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_TakingOverFromAnAgentWhoseOutboxMovedOn_SaysSo_AndStillCarriesTheHistory()
    {
        var prompt = Prompts.Dev(Escalated(), Worktree, "main", DevFeedback.None, new AgentHandoff(Intern, null));

        Assert.Contains("(dev-1 left no outbox for this task.)", prompt, StringComparison.Ordinal);
        Assert.Contains("[escalate.needs-input]", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_WithNoHandoff_KeepsTheShortHistory()
    {
        var prompt = Prompts.Dev(Escalated(), Worktree, "main", DevFeedback.None);

        Assert.DoesNotContain("take this task over", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("second line of the reason", prompt, StringComparison.Ordinal);
        Assert.Contains("## History of this task", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_CarriesTheHistoryAndTheDevsOutbox()
    {
        var task = Escalated();
        var outbox = new Outbox(AgentId.Parse("dev-2"), task.Id, "finished what dev-1 began", [], [], At);

        var prompt = Prompts.Review(task, new TaskDiff("abc123", ["answer.txt"], "+42", false), new CheckReport(null, 0, "ok", 2), 1, new AgentHandoff(AgentId.Parse("dev-2"), outbox));

        Assert.Contains("## History of this task", prompt, StringComparison.Ordinal);
        Assert.Contains("[escalate.needs-input]", prompt, StringComparison.Ordinal);
        Assert.Contains("## What dev-2 handed off with its result (its outbox)\nfinished what dev-1 began", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void History_ShowsAnAnnotationAsANote()
    {
        var task = Escalated().Claim(AgentId.Parse("dev-2"), Tier.Junior, At, TimeSpan.FromMinutes(45), "claimed", "claim.priority-and-skills")
            .Annotate("claw.clip", "overdue; dev-2 is running it", "escalate.overdue", At);

        var prompt = Prompts.Dev(task, Worktree, "main", DevFeedback.None);

        Assert.Contains("noted in claimed by claw.clip: overdue; dev-2 is running it", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handoff_ToADev_ComesFromTheLastOtherAgentThatClaimedTheTask_WithItsOutboxOnlyWhenAboutThisTask()
    {
        var task = Escalated().Claim(AgentId.Parse("dev-2"), Tier.Junior, At, TimeSpan.FromMinutes(45), "claimed", "claim.priority-and-skills");
        var outboxes = new Dictionary<AgentId, Outbox>
        {
            [Intern] = new(Intern, task.Id, "my part", [], [], At),
            [AgentId.Parse("dev-2")] = new(AgentId.Parse("dev-2"), TaskId.Parse("T-0001"), "another task", [], [], At),
        };
        Task<Outbox> Read(AgentId agent, CancellationToken _) => Task.FromResult(outboxes[agent]);

        var toJunior = await AgentHandoff.ToDevAsync(task, AgentId.Parse("dev-2"), Read, CancellationToken.None);
        var toIntern = await AgentHandoff.ToDevAsync(task, Intern, Read, CancellationToken.None);
        var fresh = await AgentHandoff.ToDevAsync(task.AsOf(2), Intern, Read, CancellationToken.None);

        Assert.Equal(Intern, toJunior!.From);
        Assert.Equal("my part", toJunior.Outbox!.Result);
        Assert.Equal(AgentId.Parse("dev-2"), toIntern!.From);
        Assert.Null(toIntern.Outbox); // dev-2's outbox is about T-0001
        Assert.Null(fresh); // nobody but dev-1 has held it
    }

    // Claimed by the intern dev-1, approved by QA into needs-input, escalated back to the backlog for a junior.
    private static TaskRecord Escalated()
    {
        var definition = new TaskDefinition("Parse ROADMAP.md", "Parse the task lists.", ["nested lists keep their order"], 50, [], null, [], 3);
        return TaskRecord.Submit(TaskId.Parse("T-0007"), definition, "human", "submitted", "intake.submit", At)
            .Claim(Intern, Tier.Intern, At, TimeSpan.FromMinutes(30), "claimed", "claim.priority-and-skills")
            .MoveTo(TaskState.Running, "dev-1", Tier.Intern, "worktree ready", "dev.start", At, leaseLength: TimeSpan.FromMinutes(30))
            .MoveTo(TaskState.Review, "dev-1", Tier.Intern, "checks passed", "dev.checks-passed", At, leaseLength: TimeSpan.FromMinutes(30))
            .MoveTo(TaskState.NeedsInput, "qa-1", Tier.Intern, "qa-1 approved: fine. dev-1 is an intern.", "tier.intern-needs-approval", At)
            .MoveTo(TaskState.Backlog, "claw.clip", null, "T-0007 waited in needs-input.\nsecond line of the reason, kept whole in a hand-off", "escalate.needs-input", At, minTier: Tier.Junior);
    }
}
