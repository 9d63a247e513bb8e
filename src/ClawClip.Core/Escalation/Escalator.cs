using System.Globalization;
using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Protection;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Escalation;

/// <summary>
/// Finds the tasks that need more than the agent holding them: one waiting in needs-input (on a person), or one
/// active (claimed, running, review, merging) longer than its estimate plus <see cref="EscalationSettings.Margin"/>,
/// counted from when its current active stretch began. Each is escalated once per stretch: the decision goes into the
/// task's history and the lineage (policy <c>escalate.needs-input</c> or
/// <c>escalate.overdue</c>), a person is alerted once that commit is written, and the task goes back to the backlog reserved for a tier above its holder's when the
/// team has a dev of such a tier with the task's skills. A task whose agent is running it now is not taken from under
/// it: the person is told, and the task is reassigned by a later run once that run has ended.
/// </summary>
/// <remarks>
/// The record that a stretch was escalated is in the task's own history: the transition that reassigned it (which
/// ends the stretch), or an annotation when it could only notify. So a restart reads it back and never notifies twice.
/// </remarks>
public sealed class Escalator
{
    private readonly ITaskStore store;
    private readonly IAgentTrust trust;
    private readonly ITaskRunLock runLock;
    private readonly ILineageWriter lineage;
    private readonly IAlerts alerts;
    private readonly Team team;
    private readonly EscalationSettings settings;
    private readonly TimeProvider time;
    private readonly IPipelineObserver observer;

    public Escalator(
        ITaskStore store,
        IAgentTrust trust,
        ITaskRunLock runLock,
        ILineageWriter lineage,
        IAlerts alerts,
        Team team,
        EscalationSettings settings,
        TimeProvider time,
        IPipelineObserver observer)
    {
        this.store = store;
        this.trust = trust;
        this.runLock = runLock;
        this.lineage = lineage;
        this.alerts = alerts;
        this.team = team;
        this.settings = settings;
        this.time = time;
        this.observer = observer;
    }

    /// <summary>Escalates every task that is due; returns what it did, in task order.</summary>
    public async Task<IReadOnlyList<Escalation>> RunAsync(CancellationToken cancellationToken)
    {
        var done = new List<Escalation>();
        var toSend = new List<Alert>();
        try
        {
            foreach (var task in await store.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Due(task) is { } due && await EscalateAsync(task, due, toSend, cancellationToken).ConfigureAwait(false) is { } escalation)
                {
                    done.Add(escalation);
                }
            }
        }
        finally
        {
            // Committed first, sent after: a person who follows an alert to the lineage finds the decision there. (A
            // crash in between loses the alert, never sends it twice: the history says the stretch was escalated.)
            if (done.Count > 0 || toSend.Count > 0)
            {
                await lineage.FlushAndWaitAsync(cancellationToken).ConfigureAwait(false);
                foreach (var alert in toSend)
                {
                    await alerts.RaiseAsync(alert, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return done;
    }

    /// <summary>
    /// Where the task's current stretch began (the event that put it in needs-input, or the first of its current run of
    /// active statuses), its threshold, and whether the stretch was escalated already. Null: not due.
    /// </summary>
    internal Stretch? Due(TaskRecord task)
    {
        int start;
        TimeSpan threshold;
        string policy;
        if (task.Status == TaskState.NeedsInput)
        {
            start = LastIndex(task, e => e.Kind == TaskEventKind.Transition);
            threshold = settings.NeedsInputAfter;
            policy = EscalationPolicies.NeedsInput;
        }
        else if (task.Status.Queue() == QueueKind.Active)
        {
            // The move into the active states that began this stretch (the moves since are between active states).
            start = LastIndex(task, e => e.Kind == TaskEventKind.Transition && e.From?.Queue() != QueueKind.Active);
            threshold = (task.Definition.EstimateMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : settings.DefaultEstimate) + settings.Margin;
            policy = EscalationPolicies.Overdue;
        }
        else
        {
            return null;
        }

        var since = task.History[start].At;
        if (time.GetUtcNow() < since + threshold)
        {
            return null;
        }

        var notified = task.History.Skip(start + 1).Any(e => EscalationPolicies.IsEscalation(e.Policy));
        return new Stretch(task.History[start], since, threshold, policy, notified);
    }

    private async Task<Escalation?> EscalateAsync(TaskRecord task, Stretch due, List<Alert> toSend, CancellationToken cancellationToken)
    {
        var holderName = task.LastClaim()?.Actor;
        var holder = holderName is not null && AgentId.TryParse(holderName, out var parsed) ? parsed : (AgentId?)null;
        var holderTier = holder is { } h ? (await trust.ReadTrustAsync(h, cancellationToken).ConfigureAwait(false)).Tier : (Tier?)null;
        var why = Why(task, due, holderName, holderTier);

        // Who could take it: devs of a higher tier than the holder's, with the task's skills.
        var above = new List<(TeamMember Dev, Tier Tier)>();
        if (holderTier is { } tier && tier < Tier.Principal)
        {
            foreach (var dev in team.Devs.Where(d => d.Name != holder && task.Definition.Skills.All(d.Definition.Skills.Contains)))
            {
                var devTier = (await trust.ReadTrustAsync(dev.Name, cancellationToken).ConfigureAwait(false)).Tier;
                if (devTier > tier)
                {
                    above.Add((dev, devTier));
                }
            }
        }

        string? cannot = null;
        var later = false;
        if (holderTier is null)
        {
            cannot = "no agent has held it, so there is no tier to go above";
        }
        else if (above.Count == 0)
        {
            cannot = $"no dev of a tier above {holderTier.Value.Name()} with its skills is on the team, so it stays where it is";
        }
        else if (task.Status == TaskState.Merging)
        {
            cannot = "the merge queue has it, so it stays there";
        }
        else if (task.Status == TaskState.NeedsInput && due.Start.Policy == ProtectionPolicies.ProtectedPath)
        {
            // Any tier's work on these paths waits for the same approval: a redo would only spend money to wait again.
            cannot = "its change touches protected paths, which wait for clawclip approve at every tier, so it stays there";
        }

        if (cannot is null)
        {
            using var held = await runLock.TryAcquireAsync(task.Id, cancellationToken).ConfigureAwait(false);
            if (held is not null)
            {
                var minTier = holderTier!.Value + 1;
                var candidates = string.Join(", ", above.Select(a => $"{a.Dev.Name} ({a.Tier.Name()})"));
                var reason = $"{why} Back to the backlog, reserved for {minTier.Name()} or above: {candidates} may take it.";
                var request = new TransitionRequest(task.Id, TaskState.Backlog, Actor.ClawClip, reason, due.Policy) { ExpectedFrom = task.Status, MinTier = minTier };
                if (await store.TransitionAsync(request, cancellationToken).ConfigureAwait(false) is not TransitionResult.Moved)
                {
                    return null; // it moved meanwhile: a new stretch, judged next time
                }

                observer.Warned(task.Id, $"escalated: back to the backlog for {minTier.Name()} or above ({candidates})");
                if (!due.Notified)
                {
                    toSend.Add(AlertFor(task, due, reason, holder, holderTier, $"reassigned: {minTier.Name()} or above ({candidates})"));
                }

                return new Escalation(task.Id, due.Policy, EscalationOutcome.Reassigned, !due.Notified, reason);
            }

            cannot = $"{holderName} is running it right now, so it is reassigned to {(holderTier!.Value + 1).Name()} or above once that run ends";
            later = true;
        }

        if (due.Notified)
        {
            return null; // told once this stretch; nothing more to do until something changes
        }

        var outcome = later ? EscalationOutcome.NotifiedReassignLater : EscalationOutcome.NotifiedOnly;
        var note = $"{why} A person is notified; {cannot}.";
        if (await store.AnnotateAsync(task.Id, task.Status, Actor.ClawClip, note, due.Policy, cancellationToken).ConfigureAwait(false) is not TransitionResult.Moved)
        {
            return null;
        }

        observer.Warned(task.Id, "escalated: " + cannot);
        toSend.Add(AlertFor(task, due, note, holder, holderTier, outcome == EscalationOutcome.NotifiedOnly ? "not reassigned: " + cannot : "reassigned when its run ends"));
        return new Escalation(task.Id, due.Policy, outcome, true, note);
    }

    private string Why(TaskRecord task, Stretch due, string? holder, Tier? holderTier)
    {
        var by = holder is null ? string.Empty : $" ({holder}, {holderTier?.Name() ?? "unknown tier"})";
        var waited = Minutes(time.GetUtcNow() - due.Since);
        return due.Policy == EscalationPolicies.NeedsInput
            ? $"{task.Id}{by} has waited in needs-input for {waited} min (since {due.Since:yyyy-MM-dd HH:mm}Z; threshold {Minutes(due.Threshold)} min): {FirstLine(due.Start.Reason)}"
            : $"{task.Id}{by} has been active for {waited} min (since {due.Since:yyyy-MM-dd HH:mm}Z), past its threshold of {Minutes(due.Threshold)} min ({(task.Definition.EstimateMinutes is { } m ? $"estimate {m} min" : $"no estimate: {Minutes(settings.DefaultEstimate)} min assumed")} + {Minutes(settings.Margin)} min); it is in {task.Status.Name()}.";
    }

    private Alert AlertFor(TaskRecord task, Stretch due, string reason, AgentId? holder, Tier? holderTier, string what)
    {
        var title = due.Policy == EscalationPolicies.NeedsInput
            ? $"{task.Id} waits on a person: {task.Definition.Title}"
            : $"{task.Id} is overdue in {task.Status.Name()}: {task.Definition.Title}";
        return new Alert(AlertKind.Escalation, title, reason, time.GetUtcNow())
        {
            Task = task.Id,
            Agent = holder,
            Fields =
            [
                new("Status", task.Status.Name()),
                new("Since", due.Since.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)),
                new("Threshold", $"{Minutes(due.Threshold)} min"),
                new("Holder", holder is { } h ? $"{h} ({holderTier?.Name()})" : "none"),
                new("Policy", due.Policy),
                new("Outcome", what),
            ],
        };
    }

    private static int LastIndex(TaskRecord task, Func<TaskEvent, bool> match)
    {
        for (var i = task.History.Count - 1; i >= 0; i--)
        {
            if (match(task.History[i]))
            {
                return i;
            }
        }

        return 0;
    }

    private static string Minutes(TimeSpan span) => Math.Floor(span.TotalMinutes).ToString(CultureInfo.InvariantCulture);

    private static string FirstLine(string text) => PipelineText.FirstLine(text);

    /// <summary>The task's current stretch, when it is past its threshold.</summary>
    /// <param name="Start">The event that began it.</param>
    /// <param name="Since">When it began.</param>
    /// <param name="Threshold">How long it may last.</param>
    /// <param name="Policy">The escalation rule that applies.</param>
    /// <param name="Notified">Whether this stretch was escalated already.</param>
    internal sealed record Stretch(TaskEvent Start, DateTimeOffset Since, TimeSpan Threshold, string Policy, bool Notified);
}
