using ClawClip.Core.Goals;

namespace ClawClip.Roadmap.Tests;

/// <summary>Parses test roadmaps and unwraps the expected outcome, failing with the other one's message.</summary>
internal static class Roadmaps
{
    public const string Name = "ROADMAP.md";

    public static RoadmapGoalsRead Read(string markdown) => Expect<RoadmapGoalsRead>(RoadmapReader.Parse(Name, markdown));

    public static IReadOnlyList<RoadmapGoal> Goals(string markdown) => Read(markdown).Goals;

    public static RoadmapProblem Problem(string markdown) => Expect<RoadmapProblem>(RoadmapReader.Parse(Name, markdown));

    public static RoadmapProblem Problem(byte[] content) => Expect<RoadmapProblem>(RoadmapReader.Parse(Name, content));

    public static RoadmapGoal Goal(this IReadOnlyList<RoadmapGoal> goals, string text) => Assert.Single(goals, g => g.Text == text);

    public static GoalId IdOf(this IReadOnlyList<RoadmapGoal> goals, string text) => goals.Goal(text).Id;

    public static T Expect<T>(RoadmapReadResult result)
        where T : RoadmapReadResult
    {
        return result switch
        {
            T expected => expected,
            RoadmapProblem problem => throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got a problem: {problem.Message}"),
            RoadmapGoalsRead read => throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got {read.Goals.Count} goals"),
            _ => throw new Xunit.Sdk.XunitException($"unexpected result {result}"),
        };
    }
}
