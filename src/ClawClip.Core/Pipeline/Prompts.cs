using System.Globalization;
using System.Text;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// What the agents are told. Everything a run needs is in its prompt — the spec, the acceptance criteria, the
/// task's history and what to fix — so a run that starts a fresh session knows as much as one that resumes.
/// </summary>
public static class Prompts
{
    private const int MostOutputChars = 12_000;

    /// <summary>The rules appended to a dev agent's system prompt.</summary>
    public static string DevRules(TeamMember dev) => Join(
        dev.SystemPrompt,
        $"""
        You are {dev.Name}, a developer agent working for claw.clip on one task at a time.
        - Work only inside the current folder: a git worktree on the task's own branch. Never touch a path outside it.
        - Build exactly what the task's spec and acceptance criteria ask; nothing more.
        - When you are done, commit your work with git (git add, then git commit) with a message that says what you did.
        - Your result is checked by the repository's build and tests, then reviewed against the spec.
        - If the spec is ambiguous or contradicts the code, do not guess: say so plainly in your final answer, starting with QUESTION:.
        """);

    /// <summary>The rules appended to a QA agent's system prompt.</summary>
    public static string QaRules(TeamMember qa) => Join(
        qa.SystemPrompt,
        $"""
        You are {qa.Name}, a QA agent working for claw.clip. You review one task's result against its spec.
        - Read the diff and the files in the current folder (the task's worktree). Do not change anything.
        - Judge the work against the spec and each acceptance criterion, not against taste.
        - Answer with the JSON verdict you are asked for: "approve", or "revise" with inline comments (file, line, comment), each saying what to change.
        """);

    /// <summary>The dev's prompt: the task, its history, and whatever it must fix this time.</summary>
    public static string Dev(TaskRecord task, Worktree worktree, string target, DevFeedback feedback)
    {
        var text = new StringBuilder();
        Task(text, task);
        text.Append(CultureInfo.InvariantCulture, $"""

            ## Where you work
            The current folder is a git worktree on branch {worktree.Branch}, made from {target}. Commit your work there.

            """);
        History(text, task);

        if (feedback.ReviseRound > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## The reviewer asked for changes (revise round {feedback.ReviseRound} of {TaskPipeline.MaxReviseRounds})\n");
            if (!string.IsNullOrWhiteSpace(feedback.ReviewSummary))
            {
                text.Append(feedback.ReviewSummary.Trim()).Append('\n');
            }

            foreach (var comment in feedback.Comments)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {comment.File}:{comment.Line}: {comment.Comment}\n");
            }
        }

        if (feedback.FailedCheck is { } check)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## Your last result failed the checks: {check.Summary}\nFix it. The end of its output:\n```\n{Tail(check.Output)}\n```\n");
        }

        if (feedback.MergeProblem is { } problem)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## The merge queue sent the work back\n```\n{Tail(problem)}\n```\n");
        }

        if (feedback.ConflictedFiles.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{target} has been merged into your branch and these files have conflicts to resolve (then commit): {string.Join(", ", feedback.ConflictedFiles)}\n");
        }

        return text.ToString();
    }

    /// <summary>The reviewer's prompt: the task, the diff, and what the checks said.</summary>
    public static string Review(TaskRecord task, TaskDiff diff, CheckReport check, int round)
    {
        var text = new StringBuilder();
        Task(text, task);
        text.Append(CultureInfo.InvariantCulture, $"""

            ## The result to review (review {round}; at most {TaskPipeline.MaxReviseRounds} revise rounds)
            Checks: {check.Summary}.
            Files changed: {(diff.Files.Count == 0 ? "none" : string.Join(", ", diff.Files))}
            ```diff
            {diff.Patch}
            ```
            """);
        if (diff.Truncated)
        {
            text.Append("\n(The diff is cut here; read the files in the current folder for the rest.)\n");
        }

        text.Append("\nAnswer with the verdict: approve, or revise with comments by file and line.\n");
        return text.ToString();
    }

    private static void Task(StringBuilder text, TaskRecord task)
    {
        text.Append(CultureInfo.InvariantCulture, $"# {task.Id}: {task.Definition.Title}\n\n");
        text.Append(string.IsNullOrWhiteSpace(task.Definition.Spec) ? "(no spec beyond the title)" : task.Definition.Spec.Trim()).Append('\n');
        if (task.Definition.Acceptance.Count > 0)
        {
            text.Append("\n## Acceptance criteria\n");
            foreach (var criterion in task.Definition.Acceptance)
            {
                text.Append("- ").Append(criterion).Append('\n');
            }
        }
    }

    private static void History(StringBuilder text, TaskRecord task)
    {
        text.Append("\n## History of this task\n");
        foreach (var e in task.History)
        {
            var step = e.From is { } from ? $"{from.Name()} → {e.To.Name()}" : "submitted";
            var reason = e.Reason.Split('\n', 2)[0];
            text.Append(CultureInfo.InvariantCulture, $"- {e.At:yyyy-MM-dd HH:mm} {step} by {e.Actor}: {reason}\n");
        }
    }

    private static string Tail(string output) =>
        output.Length <= MostOutputChars ? output.TrimEnd() : "…" + output[^MostOutputChars..].TrimEnd();

    private static string Join(string own, string rules) =>
        string.IsNullOrWhiteSpace(own) ? rules : own.TrimEnd() + "\n\n" + rules;
}
