using ClawClip.Core.Policies;

namespace ClawClip.Core.Tests.Policies;

public sealed class HandoffNamesTests
{
    [Fact]
    public void Name_SpellsHandoffsInTheOrderWorkFlows()
    {
        Assert.Equal(
            ["trigger-to-planner", "planner-to-dev", "dev-to-qa", "qa-to-merge", "merge"],
            Enum.GetValues<Handoff>().Select(h => h.Name()));
    }

    [Theory]
    [InlineData(Handoff.TriggerToPlanner)]
    [InlineData(Handoff.PlannerToDev)]
    [InlineData(Handoff.DevToQa)]
    [InlineData(Handoff.QaToMerge)]
    [InlineData(Handoff.Merge)]
    public void TryParse_OfName_GivesTheHandoffBack(Handoff handoff)
    {
        Assert.True(HandoffNames.TryParse(handoff.Name(), out var parsed));
        Assert.Equal(handoff, parsed);
    }

    [Theory]
    [InlineData("DevToQa")]
    [InlineData("dev_to_qa")]
    [InlineData("dev-to-QA")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_WhenTheNameIsNotAHandoffsSpelling_Fails(string? name)
    {
        Assert.False(HandoffNames.TryParse(name, out _));
    }
}
