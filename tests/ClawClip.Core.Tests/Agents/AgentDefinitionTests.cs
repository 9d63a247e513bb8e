using ClawClip.Core.Agents;

namespace ClawClip.Core.Tests.Agents;

public sealed class AgentDefinitionTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static AgentDefinition Agent(params AvailabilityWindow[] windows) => new(
        AgentId.Parse("dev-1"), AgentRole.Dev, AgentRuntime.Claude, "sonnet", [], ["csharp"], null,
        AgentDefinition.DefaultMaxConcurrentTasks, windows, new AgentIdentity("dev-1", "dev-1@example.invalid"), []);

    private static AvailabilityWindow Window(DayOfWeek day, int from, int to) =>
        new(new HashSet<DayOfWeek> { day }, new TimeOnly(from, 0), new TimeOnly(to, 0), Berlin);

    [Fact]
    public void IsAvailableAt_WithoutWindows_IsAlwaysTrue()
    {
        Assert.True(Agent().IsAvailableAt(new DateTimeOffset(2025, 1, 5, 3, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(9, true)]
    [InlineData(12, false)]
    [InlineData(15, true)]
    [InlineData(19, false)]
    public void IsAvailableAt_WithWindows_IsTrueInsideAnyOfThem(int hour, bool expected)
    {
        var agent = Agent(Window(DayOfWeek.Monday, 8, 12), Window(DayOfWeek.Monday, 13, 18));

        Assert.Equal(expected, agent.IsAvailableAt(new DateTimeOffset(2025, 1, 6, hour, 0, 0, TimeSpan.FromHours(1))));
    }
}
