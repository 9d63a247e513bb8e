using ClawClip.Core.Policies;

namespace ClawClip.Core.Tests.Policies;

public sealed class FailurePolicyTests
{
    private static readonly FailurePolicy AllContinue =
        new(OnFailure.Continue, OnFailure.Continue, OnFailure.Continue, OnFailure.Continue, OnFailure.Continue);

    [Theory]
    [InlineData(Handoff.TriggerToPlanner, OnFailure.Continue)]
    [InlineData(Handoff.PlannerToDev, OnFailure.Continue)]
    [InlineData(Handoff.DevToQa, OnFailure.Halt)]
    [InlineData(Handoff.QaToMerge, OnFailure.Halt)]
    [InlineData(Handoff.Merge, OnFailure.Halt)]
    public void Default_ContinuesPastPlanningAndHaltsFromDevOn(Handoff handoff, OnFailure expected)
    {
        Assert.Equal(expected, FailurePolicy.Default.For(handoff));
    }

    [Fact]
    public void For_ReadsEachHandoffFromItsOwnSetting()
    {
        var policy = new FailurePolicy(OnFailure.Halt, OnFailure.Continue, OnFailure.Halt, OnFailure.Continue, OnFailure.Halt);

        Assert.Equal(
            [OnFailure.Halt, OnFailure.Continue, OnFailure.Halt, OnFailure.Continue, OnFailure.Halt],
            Enum.GetValues<Handoff>().Select(policy.For));
    }

    [Theory]
    [InlineData(Handoff.TriggerToPlanner)]
    [InlineData(Handoff.PlannerToDev)]
    [InlineData(Handoff.DevToQa)]
    [InlineData(Handoff.QaToMerge)]
    [InlineData(Handoff.Merge)]
    public void With_ChangesThatHandoffAndNoOther(Handoff handoff)
    {
        var changed = AllContinue.With(handoff, OnFailure.Halt);

        foreach (var other in Enum.GetValues<Handoff>())
        {
            Assert.Equal(other == handoff ? OnFailure.Halt : OnFailure.Continue, changed.For(other));
        }

        Assert.Equal(OnFailure.Continue, AllContinue.For(handoff));
    }

    [Fact]
    public void Decide_ADevResultThatFailedItsChecksUnderTheDefault_HaltsBeforeQa()
    {
        var decision = FailurePolicy.Default.Decide(Handoff.DevToQa, "dotnet test exited with 1");

        Assert.False(decision.Continue);
        Assert.Equal("failure-policy.dev-to-qa.halt", decision.Policy);
        Assert.Equal("dev-to-qa is set to halt: the dev result failed its checks (dotnet test exited with 1), so it does not reach QA", decision.Reason);
    }

    [Fact]
    public void Decide_AFailedPlannerUnderTheDefault_ContinuesWithTheTasksAlreadyPlanned()
    {
        var decision = FailurePolicy.Default.Decide(Handoff.TriggerToPlanner, "the planner exited with 2");

        Assert.True(decision.Continue);
        Assert.Equal("failure-policy.trigger-to-planner.continue", decision.Policy);
        Assert.Equal(
            "trigger-to-planner is set to continue: planning failed (the planner exited with 2), so the tasks already planned stay valid and work on them goes on, with a warning",
            decision.Reason);
    }

    [Theory]
    [InlineData(Handoff.TriggerToPlanner, "no more work is dispatched until planning succeeds")]
    [InlineData(Handoff.PlannerToDev, "no dev work starts until the planner hands over fresh tasks")]
    [InlineData(Handoff.DevToQa, "it does not reach QA")]
    [InlineData(Handoff.QaToMerge, "it does not reach merge")]
    [InlineData(Handoff.Merge, "it is not merged")]
    public void Decide_WhenSetToHalt_StopsAndSaysWhatDoesNotHappen(Handoff handoff, string consequence)
    {
        var halting = new FailurePolicy(OnFailure.Halt, OnFailure.Halt, OnFailure.Halt, OnFailure.Halt, OnFailure.Halt);

        var decision = halting.Decide(handoff, "exit 1");

        Assert.False(decision.Continue);
        Assert.Equal($"failure-policy.{handoff.Name()}.halt", decision.Policy);
        Assert.StartsWith($"{handoff.Name()} is set to halt: ", decision.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"(exit 1), so {consequence}", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Handoff.TriggerToPlanner, "the tasks already planned stay valid and work on them goes on, with a warning")]
    [InlineData(Handoff.PlannerToDev, "dev agents go on with the tasks already planned, with a warning")]
    [InlineData(Handoff.DevToQa, "it reaches QA anyway, with a warning")]
    [InlineData(Handoff.QaToMerge, "it reaches the merge queue anyway, with a warning")]
    [InlineData(Handoff.Merge, "it is merged anyway, with a warning")]
    public void Decide_WhenSetToContinue_GoesOnAndSaysItWarns(Handoff handoff, string consequence)
    {
        var decision = AllContinue.Decide(handoff, "exit 1");

        Assert.True(decision.Continue);
        Assert.Equal($"failure-policy.{handoff.Name()}.continue", decision.Policy);
        Assert.StartsWith($"{handoff.Name()} is set to continue: ", decision.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"(exit 1), so {consequence}", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_TrimsTheFailureItQuotes()
    {
        var decision = FailurePolicy.Default.Decide(Handoff.Merge, "  conflict in README.md  ");

        Assert.Contains("(conflict in README.md)", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("error CS1002\nerror CS1003")]
    [InlineData("exit 1\r")]
    public void Decide_WhenTheFailureIsBlankOrSpansLines_Throws(string failure)
    {
        Assert.Throws<ArgumentException>(() => FailurePolicy.Default.Decide(Handoff.DevToQa, failure));
    }
}
