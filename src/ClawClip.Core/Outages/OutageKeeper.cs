using System.Globalization;
using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Outages;

/// <summary>
/// Rides out model API outages for the pipeline: after each run it records what <see cref="OutageRules"/> decide (in
/// <c>state/outage.json</c>, each with its lineage commit), raises an alert when an agent or the team is paused,
/// waits out a backoff through the <see cref="TimeProvider"/> (no sleep: a fake clock drives it in tests), and tells
/// the dispatcher which agent may not claim now. Without a recorded outage it reads one small file per run.
/// </summary>
public sealed class OutageKeeper
{
    private readonly IOutageState state;
    private readonly IAlerts alerts;
    private readonly TimeProvider time;
    private readonly OutageBackoff backoff;
    private readonly IReadOnlyCollection<AgentId> team;

    /// <param name="state">Where the decisions are kept.</param>
    /// <param name="alerts">Hears the pauses.</param>
    /// <param name="settings">Backoff and pause threshold.</param>
    /// <param name="time">The clock the backoff waits on.</param>
    /// <param name="team">The agents that run on a model (devs and reviewers): all of them paused pauses the team.</param>
    /// <param name="jitter">The random draw in [0, 1) of the backoff's jitter; a test fixes it.</param>
    public OutageKeeper(IOutageState state, IAlerts alerts, OutageSettings settings, TimeProvider time, IReadOnlyCollection<AgentId> team, Func<double>? jitter = null)
    {
        this.state = state;
        this.alerts = alerts;
        this.time = time;
        this.team = team;
        Settings = settings;
        backoff = new OutageBackoff(settings, jitter);
    }

    public OutageSettings Settings { get; }

    /// <summary>A keeper that remembers nothing across processes and tells nobody: for a pipeline built without a state folder.</summary>
    public static OutageKeeper InMemory(TimeProvider time, IReadOnlyCollection<AgentId> team) =>
        new(new InMemoryOutageState(), NoAlerts.Instance, OutageSettings.Default, time, team);

    /// <summary>
    /// Records what <paramref name="result"/> of <paramref name="agent"/>'s run on <paramref name="task"/> says about
    /// the model's API. Returns the agent's outage when the run was one (wait for its <see cref="AgentOutage.RetryAt"/>,
    /// then try again); null when the API answered, which ends the agent's outage if it was in one.
    /// </summary>
    public async Task<AgentOutage?> AfterRunAsync(AgentId agent, TaskId? task, AgentRunResult result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!result.IsOutage)
        {
            // Read first: in the usual case (no outage) this writes nothing and takes no lock.
            var current = await state.ReadOutagesAsync(cancellationToken).ConfigureAwait(false);
            if (current.Of(agent) is not null || current.TeamPausedAt is not null)
            {
                await state.UpdateOutagesAsync(s => OutageRules.AfterAnswer(s, agent, now), cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        var failure = FirstLine(result.Failure ?? "the model's API failed");
        var update = await state.UpdateOutagesAsync(s => OutageRules.AfterFailure(s, agent, task, failure, result.RetryAfter, team, Settings, backoff, now), cancellationToken).ConfigureAwait(false);
        var entry = update!.Agent!;

        // Recorded first, raised after: a crash in between loses an alert, never sends one twice.
        if (update.PausedAgent)
        {
            await RaiseAsync(AlertKind.AgentPaused, $"{agent} paused: model API outage", update.Reason, entry, agent, cancellationToken).ConfigureAwait(false);
        }

        if (update.PausedTeam)
        {
            await RaiseAsync(AlertKind.TeamPaused, "team paused: model API outage", update.Reason, entry, null, cancellationToken).ConfigureAwait(false);
        }

        return entry;
    }

    /// <summary>Why <paramref name="agent"/> may not claim new work now (it waits out an outage's backoff); null when it may.</summary>
    public async Task<string?> RefusalAsync(AgentId agent, CancellationToken cancellationToken) =>
        OutageRules.Refusal(await state.ReadOutagesAsync(cancellationToken).ConfigureAwait(false), agent, time.GetUtcNow());

    /// <summary>Waits until <paramref name="outage"/>'s next try is due, on the keeper's clock.</summary>
    public Task WaitAsync(AgentOutage outage, CancellationToken cancellationToken)
    {
        var wait = outage.RetryAt - time.GetUtcNow();
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }

    private ValueTask RaiseAsync(AlertKind kind, string title, string text, AgentOutage entry, AgentId? agent, CancellationToken cancellationToken)
    {
        var alert = new Alert(kind, title, text, time.GetUtcNow())
        {
            Agent = agent,
            Fields =
            [
                new("failures in a row", entry.Consecutive.ToString(CultureInfo.InvariantCulture)),
                new("since", entry.Since.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)),
                new("next probe", entry.RetryAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)),
                new("last failure", entry.LastFailure),
            ],
        };
        return alerts.RaiseAsync(alert, cancellationToken);
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
