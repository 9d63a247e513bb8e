using ClawClip.Core.Alerts;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// Stopping a task that trying again will not help (a reviewer without a verdict after its tries, a step failing the
/// same way again and again): to needs-input with the reason and the rule, then an alert, so a person acts before any
/// more is spent on it. No pass takes a task in needs-input up again.
/// </summary>
internal sealed class TaskStops
{
    private readonly TaskMoves moves;
    private readonly IAlerts alerts;
    private readonly TimeProvider time;

    public TaskStops(TaskMoves moves, IAlerts alerts, TimeProvider time)
    {
        this.moves = moves;
        this.alerts = alerts;
        this.time = time;
    }

    /// <summary>Why a task stops on <paramref name="repeated"/>, with what a person can do about it.</summary>
    public static string RepeatedReason(TaskRecord task, RepeatedStep repeated) =>
        $"the {repeated.Step} failed the same way {repeated.Times} times in a row (the most a step gets: {StepRepetition.Limit}): {repeated.Failure}. Trying again would cost the same for the same answer, so {task.Id} waits for a person: `clawclip retry {task.Id}` once the cause is fixed; or cancel it.";

    /// <summary>Moves <paramref name="task"/> to needs-input (with what the last runs cost, if any), then raises the alert.</summary>
    public async Task<TaskRecord> StopAsync(TaskRecord task, TeamMember by, string reason, string policy, CancellationToken cancellationToken, RunSpend? spent = null, string? session = null)
    {
        var stopped = await moves.MoveAsync(task, TaskState.NeedsInput, by, reason, policy, cancellationToken, spent, session).ConfigureAwait(false);

        // After the move: an alert names a decision already recorded.
        await alerts.RaiseAsync(
            new Alert(AlertKind.Escalation, $"{task.Id} stopped: waits for a person", reason, time.GetUtcNow())
            {
                Task = task.Id,
                Agent = by.Name,
                Fields = [new("policy", policy), new("spent", $"{PipelineText.Usd(stopped.TotalCostUsd)} USD")],
            },
            cancellationToken).ConfigureAwait(false);
        return stopped;
    }
}
