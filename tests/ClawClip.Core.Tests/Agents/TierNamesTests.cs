using ClawClip.Core.Agents;

namespace ClawClip.Core.Tests.Agents;

public sealed class TierNamesTests
{
    [Fact]
    public void Name_SpellsTiersLowestFirst()
    {
        Assert.Equal(["intern", "junior", "senior", "principal"], Enum.GetValues<Tier>().Select(t => t.Name()));
    }

    [Theory]
    [InlineData(Tier.Intern)]
    [InlineData(Tier.Junior)]
    [InlineData(Tier.Senior)]
    [InlineData(Tier.Principal)]
    public void TryParse_OfName_GivesTheTierBack(Tier tier)
    {
        Assert.True(TierNames.TryParse(tier.Name(), out var parsed));
        Assert.Equal(tier, parsed);
    }

    [Theory]
    [InlineData("Senior")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_WhenTheNameIsNotATiersSpelling_Fails(string? name)
    {
        Assert.False(TierNames.TryParse(name, out _));
    }

    [Fact]
    public void LeaseLength_GrowsWithTheTier()
    {
        var lengths = Enum.GetValues<Tier>().Select(t => t.LeaseLength()).ToArray();

        Assert.Equal(lengths.Order(), lengths);
        Assert.Equal(lengths.Length, lengths.Distinct().Count());
    }
}
