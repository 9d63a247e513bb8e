using System.Globalization;
using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Lineage;

/// <summary>Turns a task's event into the subject, body and trailers of its lineage commit.</summary>
public static class TransitionMessage
{
    /// <summary>
    /// The subject: <c>T-0007 backlog → claimed</c>, <c>T-0007 submitted</c> for the first event, or
    /// <c>T-0007 needs-input: escalate.needs-input</c> for an annotation (a decision that left the task where it was).
    /// </summary>
    public static string Subject(TaskId task, TaskEvent e) =>
        e.Kind == TaskEventKind.Annotation ? $"{task} {e.To.Name()}: {e.Policy}"
        : e.From is { } from ? $"{task} {from.Name()} → {e.To.Name()}" : $"{task} submitted";

    /// <summary>The trailers, always all of them and in this order, so a reader can rely on each key.</summary>
    /// <param name="task">The task after the event.</param>
    /// <param name="e">The event.</param>
    /// <param name="data">What the actor read to decide (paths or references), if anything.</param>
    public static IReadOnlyList<Trailer> Trailers(TaskRecord task, TaskEvent e, string? data) =>
    [
        new("Task", task.Id.Value),
        new("Goal", task.Definition.Goal?.Value ?? "none"),
        new("Agent", e.Actor),
        new("Tier", e.Tier?.Name() ?? "none"),
        new("Policy", e.Policy),
        new("Attempt", e.Attempt.ToString(CultureInfo.InvariantCulture)),
        new("Cost-USD", Money.Exact(e.CostUsd ?? 0m)),
        new("Turns", (e.Turns ?? 0).ToString(CultureInfo.InvariantCulture)),
        new("Tokens", (e.Tokens ?? 0).ToString(CultureInfo.InvariantCulture)),
        new("Session", e.Session ?? "none"),
        new("Data", string.IsNullOrWhiteSpace(data) ? "none" : data),
        new("Commit", e.Commit ?? "none"),
    ];
}
