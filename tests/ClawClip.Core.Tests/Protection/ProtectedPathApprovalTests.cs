using ClawClip.Core.Agents;
using ClawClip.Core.Merging;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Protection;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Protection;

public sealed class ProtectedPathApprovalTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    private static TaskRecord Merging()
    {
        var definition = new TaskDefinition("work", string.Empty, [], TaskDefinition.DefaultPriority, [], null, [], 5);
        return TaskRecord.Submit(TaskId.Parse("T-0007"), definition, "human", "asked", "intake.submit", At)
            .Claim(AgentId.Parse("dev-1"), Tier.Principal, At, Lease, "mine", "claim.priority-and-skills")
            .MoveTo(TaskState.Running, "dev-1", Tier.Principal, "started", PipelinePolicies.DevStart, At, leaseLength: Lease)
            .MoveTo(TaskState.Review, "dev-1", Tier.Principal, "passed", PipelinePolicies.ChecksPassed, At, leaseLength: Lease)
            .MoveTo(TaskState.Merging, "qa-1", Tier.Senior, "approved", PipelinePolicies.QaApprove, At, leaseLength: Lease);
    }

    private static TaskRecord Held(TaskRecord task) =>
        task.MoveTo(TaskState.NeedsInput, "clawclip", null, "changes clawclip.yaml", ProtectionPolicies.ProtectedPath, At);

    private static TaskRecord PersonApproves(TaskRecord task) =>
        task.MoveTo(TaskState.Merging, "human", null, "fine", PipelinePolicies.PersonApproved, At, leaseLength: Lease);

    [Fact]
    public void Approved_WorkNoPersonLookedAt_IsFalse() => Assert.False(ProtectedPathApproval.Approved(Merging()));

    [Fact]
    public void Approved_WhileHeldForAPerson_IsFalse() => Assert.False(ProtectedPathApproval.Approved(Held(Merging())));

    [Fact]
    public void Approved_AfterAPersonApprovedTheHeldWork_IsTrue() =>
        Assert.True(ProtectedPathApproval.Approved(PersonApproves(Held(Merging()))));

    [Fact]
    public void Approved_AfterTheDevRanAgainSinceTheApproval_IsFalse()
    {
        var bounced = PersonApproves(Held(Merging()))
            .MoveTo(TaskState.Running, "clawclip", null, "conflict", MergePolicies.Conflict, At, leaseLength: Lease)
            .MoveTo(TaskState.Review, "dev-1", Tier.Principal, "passed", PipelinePolicies.ChecksPassed, At, leaseLength: Lease)
            .MoveTo(TaskState.Merging, "qa-1", Tier.Senior, "approved", PipelinePolicies.QaApprove, At, leaseLength: Lease);

        Assert.False(ProtectedPathApproval.Approved(bounced));
    }

    [Fact]
    public void Approved_ByAnApprovalOfAnInternsWork_IsFalse_SinceThePersonWasNotToldOfTheProtectedPaths()
    {
        var intern = Merging().MoveTo(TaskState.NeedsInput, "qa-1", Tier.Senior, "intern", PipelinePolicies.InternNeedsApproval, At);

        Assert.False(ProtectedPathApproval.Approved(PersonApproves(intern)));
    }

    [Fact]
    public void Approved_StaysTrue_ThroughAnAnnotationAfterTheApproval()
    {
        var noted = PersonApproves(Held(Merging())).Annotate("clawclip", "a note", "escalate.note", At);

        Assert.True(ProtectedPathApproval.Approved(noted));
    }
}
