using ClawClip.Core.Goals;

namespace ClawClip.Core.Tests.Goals;

public sealed class GoalIdTests
{
    [Theory]
    [InlineData("G-3f9a2c1b")]
    [InlineData("G-a")]
    [InlineData("G-add-the-reaper")]
    [InlineData("G-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void Parse_WhenTheIdFollowsTheRules_KeepsIt(string text)
    {
        Assert.Equal(text, GoalId.Parse(text).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("G-")]
    [InlineData("G")]
    [InlineData("g-abc")]
    [InlineData("G-ABC")]
    [InlineData("G-a_b")]
    [InlineData("G-a b")]
    [InlineData("G-../x")]
    [InlineData("T-0007")]
    [InlineData("G-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void TryParse_WhenTheIdBreaksTheRules_Fails(string text)
    {
        Assert.False(GoalId.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_WhenTheIdIsNull_Fails()
    {
        Assert.False(GoalId.TryParse(null, out _));
    }

    [Fact]
    public void Parse_WhenTheIdBreaksTheRules_ThrowsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => GoalId.Parse("G-ABC"));

        Assert.Contains("'G-ABC'", error.Message, StringComparison.Ordinal);
    }
}
