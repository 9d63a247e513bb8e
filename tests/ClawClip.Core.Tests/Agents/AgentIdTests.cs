using ClawClip.Core.Agents;

namespace ClawClip.Core.Tests.Agents;

public sealed class AgentIdTests
{
    [Theory]
    [InlineData("dev-1")]
    [InlineData("qa_2")]
    [InlineData("a")]
    [InlineData("planner")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public void Parse_WhenTheNameFollowsTheRules_KeepsIt(string name)
    {
        Assert.Equal(name, AgentId.Parse(name).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1dev")]
    [InlineData("-dev")]
    [InlineData("_dev")]
    [InlineData("Dev-1")]
    [InlineData("dev 1")]
    [InlineData("dev.1")]
    [InlineData("dev/1")]
    [InlineData("../x")]
    [InlineData("dév")]
    [InlineData("dev-1\n")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public void TryParse_WhenTheNameBreaksTheRules_Fails(string name)
    {
        Assert.False(AgentId.TryParse(name, out _));
    }

    [Fact]
    public void TryParse_WhenTheNameIsNull_Fails()
    {
        Assert.False(AgentId.TryParse(null, out _));
    }

    [Fact]
    public void Parse_WhenTheNameBreaksTheRules_ThrowsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => AgentId.Parse("Dev 1"));

        Assert.Contains("'Dev 1'", error.Message, StringComparison.Ordinal);
    }
}
