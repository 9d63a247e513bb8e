using System.Text;
using ClawClip.Core.Goals;
using ClawClip.Core.Pipeline;

namespace ClawClip.Core.Planning;

/// <summary>What the planner is told.</summary>
public static class PlannerPrompts
{
    /// <summary>The rules appended to a planner's system prompt.</summary>
    public static string Rules(TeamMember planner) =>
        (string.IsNullOrWhiteSpace(planner.SystemPrompt) ? string.Empty : planner.SystemPrompt.TrimEnd() + "\n\n") + $"""
        You are {planner.Name}, the planner agent of claw.clip. You break one roadmap goal into tasks for developer agents.
        - Read the repository to plan against what is there; change nothing.
        - Each task takes 10 to 30 minutes, has a one-line title, a spec a developer can follow without asking, and acceptance criteria a reviewer can check.
        - Order the tasks so that each one's dependencies come before it; name them by key in depends_on.
        - Answer with the JSON you are asked for.
        """;

    /// <summary>The planner's prompt for <paramref name="goal"/>.</summary>
    public static string Plan(RoadmapGoal goal, IReadOnlyList<string> devSkills)
    {
        var text = new StringBuilder();
        text.Append("# Goal ").Append(goal.Id).Append(": ").Append(goal.Text).Append('\n');
        if (goal.Headings.Count > 0)
        {
            text.Append("\nUnder: ").Append(string.Join(" › ", goal.Headings)).Append('\n');
        }

        text.Append("\nBreak it into tasks of 10–30 minutes each (at most ").Append(PlannerAnswer.MostTasks).Append(").\n");
        text.Append(devSkills.Count == 0
            ? "Leave \"skills\" empty: the developers have none listed.\n"
            : $"Use only these skills in \"skills\" (the developers' own): {string.Join(", ", devSkills)}; leave it empty when any developer can do the task.\n");
        return text.ToString();
    }
}
