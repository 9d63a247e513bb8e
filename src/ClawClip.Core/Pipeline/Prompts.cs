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

    // A reason in a hand-off's full history can hold check output: each is cut to this.
    private const int MostReasonChars = 2_000;

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

    /// <summary>
    /// The dev's prompt: the task, its history, and whatever it must fix this time. A dev taking over from another agent
    /// (<paramref name="handoff"/>) gets the history in full, every reason whole, and what the other agent handed off.
    /// </summary>
    public static string Dev(TaskRecord task, Worktree worktree, string target, DevFeedback feedback, AgentHandoff? handoff = null)
    {
        var text = new StringBuilder();
        Task(text, task);
        text.Append(CultureInfo.InvariantCulture, $"""

            ## Where you work
            The current folder is a git worktree on branch {worktree.Branch}, made from {target}. Commit your work there.

            """);
        if (handoff is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## You take this task over from {handoff.From}\n{handoff.From} worked on it before you; its work so far is on this branch. Read the history below and what it handed off, then carry the task to the end.\n");
            Outbox(text, handoff, "What it handed off (its outbox)");
        }

        History(text, task, full: handoff is not null);

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

        if (feedback.NoChange)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## Your last run made no change\n{worktree.Branch} has no change against {target}: there is nothing to check, review or land. Make the change the task asks for and commit it on this branch. If there is nothing to change, say why in your result.\n");
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

    /// <summary>
    /// The reviewer's prompt: the task, its history in full, what the dev handed off (<paramref name="devHandoff"/>),
    /// the diff, and what the checks said.
    /// </summary>
    public static string Review(TaskRecord task, TaskDiff diff, CheckReport check, int round, AgentHandoff? devHandoff = null)
    {
        var text = new StringBuilder();
        Task(text, task);
        History(text, task, full: true);
        if (devHandoff is not null)
        {
            Outbox(text, devHandoff, $"What {devHandoff.From} handed off with its result (its outbox)");
        }

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

    private static void History(StringBuilder text, TaskRecord task, bool full = false)
    {
        text.Append("\n## History of this task\n");
        foreach (var e in task.History)
        {
            var step = e.Kind == TaskEventKind.Annotation ? $"noted in {e.To.Name()}"
                : e.From is { } from ? $"{from.Name()} → {e.To.Name()}" : "submitted";
            var lines = e.Reason.Trim().Split('\n');
            text.Append(CultureInfo.InvariantCulture, $"- {e.At:yyyy-MM-dd HH:mm} {step} by {e.Actor}{(full ? $" [{e.Policy}]" : string.Empty)}: {lines[0]}\n");
            if (full && lines.Length > 1)
            {
                var rest = string.Join('\n', lines.Skip(1)).TrimEnd();
                rest = rest.Length <= MostReasonChars ? rest : rest[..MostReasonChars] + "…";
                text.Append(string.Join('\n', rest.Split('\n').Select(line => "  " + line))).Append('\n');
            }
        }
    }

    private static void Outbox(StringBuilder text, AgentHandoff handoff, string heading)
    {
        text.Append(CultureInfo.InvariantCulture, $"\n## {heading}\n");
        if (handoff.Outbox is not { } outbox)
        {
            text.Append(CultureInfo.InvariantCulture, $"({handoff.From} left no outbox for this task.)\n");
            return;
        }

        text.Append(string.IsNullOrWhiteSpace(outbox.Result) ? "(no result written)" : Tail(outbox.Result.Trim())).Append('\n');
        foreach (var question in outbox.Questions)
        {
            text.Append("- Question: ").Append(question).Append('\n');
        }

        foreach (var followUp in outbox.FollowUps)
        {
            text.Append("- Proposed follow-up: ").Append(followUp.Title).Append('\n');
        }
    }

    private static string Tail(string output) =>
        output.Length <= MostOutputChars ? output.TrimEnd() : "…" + output[^MostOutputChars..].TrimEnd();

    private static string Join(string own, string rules) =>
        string.IsNullOrWhiteSpace(own) ? rules : own.TrimEnd() + "\n\n" + rules;
}
