using System.Text;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// MAST's "step repetition", as a rule on a task's history: the same step failing the same way
/// <see cref="Limit"/> times in a row means that trying again will not help, so the pipeline stops the task (to a
/// person, in needs-input: <see cref="PipelinePolicies.StepRepeated"/>) instead of paying for a fourth try.
/// <para>
/// A step's events are known by their policy: each is a failure or a pass of one step (a dev run, the checks, a
/// review). Failures are "in a row" when no pass of the same step and no person's action came between them; other
/// steps' events in between do not count (a retried review is preceded by a fresh dev run and checks). Two failures
/// are "the same way" when their reasons' first lines match once numbers are set aside (a try or attempt number, a
/// count of failing tests). Pure: it reads the history and nothing else.
/// </para>
/// </summary>
public static class StepRepetition
{
    /// <summary>Failures in a row, the same way, that stop a task.</summary>
    public const int Limit = 3;

    private const string DevRun = "dev run";
    private const string Checks = "checks";
    private const string Review = "review";

    // policy → (step, whether it is that step failing). A policy not listed is not a step's outcome.
    private static readonly Dictionary<string, (string Step, bool Failed)> Outcomes = new(StringComparer.Ordinal)
    {
        [PipelinePolicies.RunFailedRetry] = (DevRun, true),
        [PipelinePolicies.RunFailedAttemptsUsed] = (DevRun, true),
        [PipelinePolicies.ChecksPassed] = (DevRun, false),
        [PipelinePolicies.ChecksFailedTooOften] = (Checks, true),
        [PipelinePolicies.QaNoVerdict] = (Review, true),
        [PipelinePolicies.QaApprove] = (Review, false),
        [PipelinePolicies.QaRevise] = (Review, false),
        [PipelinePolicies.QaReviseLimit] = (Review, false),
        [PipelinePolicies.InternNeedsApproval] = (Review, false),
    };

    /// <summary>
    /// The step whose last failure in <paramref name="history"/> is its <see cref="Limit"/>th the same way in a row,
    /// or null. Only the newest event counts as "now": a repetition that a later pass or person ended is not found.
    /// </summary>
    public static RepeatedStep? Find(IReadOnlyList<TaskEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0 || !Outcomes.TryGetValue(history[^1].Policy, out var last) || !last.Failed)
        {
            return null;
        }

        var failure = Signature(history[^1].Reason);
        var times = 0;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var e = history[i];
            if (e.Actor == Actor.Human.Name)
            {
                break; // a person acted: whatever comes after is a fresh start
            }

            if (!Outcomes.TryGetValue(e.Policy, out var outcome) || outcome.Step != last.Step)
            {
                continue;
            }

            if (!outcome.Failed || Signature(e.Reason) != failure)
            {
                break;
            }

            times++;
        }

        return times >= Limit ? new RepeatedStep(last.Step, PipelineText.FirstLine(history[^1].Reason), times) : null;
    }

    /// <summary>
    /// The same, as it would be once <paramref name="task"/> recorded a failure under <paramref name="policy"/> with
    /// <paramref name="reason"/> by <paramref name="actor"/>: what the pipeline asks before writing that failure, so it
    /// writes the stop instead.
    /// </summary>
    public static RepeatedStep? FindWith(TaskRecord task, string actor, string policy, string reason)
    {
        ArgumentNullException.ThrowIfNull(task);
        var probe = new TaskEvent(task.Status, task.Status, actor, reason, policy, null, task.Attempt, null, DateTimeOffset.MinValue, null);
        return Find([.. task.History, probe]);
    }

    // The first line with each run of digits written as one '#'.
    private static string Signature(string reason)
    {
        var line = PipelineText.FirstLine(reason);
        var signature = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (!char.IsAsciiDigit(line[i]))
            {
                signature.Append(line[i]);
            }
            else if (i == 0 || !char.IsAsciiDigit(line[i - 1]))
            {
                signature.Append('#');
            }
        }

        return signature.ToString();
    }
}
