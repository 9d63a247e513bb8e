using System.Globalization;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>Small helpers for the reasons the pipeline writes, and for reading the current attempt off a history.</summary>
internal static class PipelineText
{
    /// <summary>The first line of <paramref name="text"/>, cut at 300 characters: reasons are read in one line.</summary>
    public static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    /// <summary>The end of <paramref name="text"/>, where build and test output says what failed.</summary>
    public static string Tail(string text, int most = 4_000) => text.Length <= most ? text.TrimEnd() : "…" + text[^most..].TrimEnd();

    public static string Short(string commit) => commit[..Math.Min(10, commit.Length)];

    public static string Usd(decimal amount) => amount.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    public static string Ordinal(int n) => n switch { 1 => "first", 2 => "second", 3 => "third", 4 => "fourth", 5 => "fifth", _ => $"{n}th" };

    /// <summary>Revise rounds QA has asked for in the task's current attempt.</summary>
    public static int RevisionsAsked(TaskRecord task) => CurrentAttempt(task).Count(e => e.Policy == PipelinePolicies.QaRevise);

    public static IEnumerable<TaskEvent> CurrentAttempt(TaskRecord task) => task.History.Where(e => e.Attempt == task.Attempt && e.Attempt > 0);
}
