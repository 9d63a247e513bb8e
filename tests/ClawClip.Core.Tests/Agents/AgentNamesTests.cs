using ClawClip.Core.Agents;

namespace ClawClip.Core.Tests.Agents;

public sealed class AgentNamesTests
{
    [Fact]
    public void RoleNames_SpellEveryRoleAndReadItBack()
    {
        Assert.Equal(["pm", "planner", "dev", "qa"], Enum.GetValues<AgentRole>().Select(r => r.Name()));
        Assert.All(Enum.GetValues<AgentRole>(), r => Assert.True(AgentRoleNames.TryParse(r.Name(), out var back) && back == r));
    }

    [Theory]
    [InlineData("Dev")]
    [InlineData("developer")]
    [InlineData("")]
    [InlineData(null)]
    public void RoleNames_TryParse_RefusesOtherSpellings(string? name)
    {
        Assert.False(AgentRoleNames.TryParse(name, out _));
    }

    [Fact]
    public void RuntimeNames_SpellEveryRuntimeAndReadItBack()
    {
        Assert.Equal(["claude", "command"], Enum.GetValues<AgentRuntime>().Select(r => r.Name()));
        Assert.False(AgentRuntimeNames.TryParse("Claude", out _));
        Assert.True(AgentRuntimeNames.TryParse("command", out var runtime) && runtime == AgentRuntime.Command);
    }

    [Fact]
    public void DayNames_StartTheWeekOnMondayAndMapToDayOfWeek()
    {
        Assert.Equal("mon", DayOfWeek.Monday.Name());
        Assert.Equal("sun", DayOfWeek.Sunday.Name());
        Assert.True(DayNames.TryParse("sun", out var sunday) && sunday == DayOfWeek.Sunday);
        Assert.True(DayNames.TryParse("sat", out var saturday) && saturday == DayOfWeek.Saturday);
        Assert.False(DayNames.TryParse("Mon", out _));
        Assert.False(DayNames.TryParse("monday", out _));
    }

    [Theory]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("_PRIVATE", true)]
    [InlineData("A1", true)]
    [InlineData("github_token", false)]
    [InlineData("1ABC", false)]
    [InlineData("A-B", false)]
    [InlineData("A=B", false)]
    [InlineData("", false)]
    public void EnvironmentVariableNames_IsValid_AllowsUpperCaseLettersDigitsAndUnderscores(string name, bool expected)
    {
        Assert.Equal(expected, EnvironmentVariableNames.IsValid(name));
    }
}
