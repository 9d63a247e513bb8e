using ClawClip.Core.Policies;

namespace ClawClip.Core.Tests.Policies;

public sealed class OnFailureNamesTests
{
    [Fact]
    public void Name_SpellsContinueAndHalt()
    {
        Assert.Equal(["continue", "halt"], Enum.GetValues<OnFailure>().Select(o => o.Name()));
    }

    [Theory]
    [InlineData(OnFailure.Continue)]
    [InlineData(OnFailure.Halt)]
    public void TryParse_OfName_GivesTheValueBack(OnFailure onFailure)
    {
        Assert.True(OnFailureNames.TryParse(onFailure.Name(), out var parsed));
        Assert.Equal(onFailure, parsed);
    }

    [Theory]
    [InlineData("Halt")]
    [InlineData("stop")]
    [InlineData("true")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_WhenTheTextIsNotContinueOrHalt_Fails(string? name)
    {
        Assert.False(OnFailureNames.TryParse(name, out _));
    }
}
