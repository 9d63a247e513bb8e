using System.Globalization;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Outages;

/// <summary>
/// What an outage decides, without a disk: a run the model's API failed counts one more in a row and sets the next
/// try after the backoff, pausing the agent at <see cref="OutageSettings.PauseAfter"/> and the team when every one of
/// its agents is paused; a run that got an answer (whatever the agent then did with it) ends the agent's outage and
/// lifts its pause, and the team's — then every other paused agent may probe at once. A paused agent claims nothing
/// new until its backoff ends; its next run then is the probe.
/// </summary>
public static class OutageRules
{
    /// <summary>The decision after <paramref name="agent"/>'s run on <paramref name="task"/> failed on the model's API.</summary>
    public static OutageUpdate AfterFailure(OutageState state, AgentId agent, TaskId? task, string failure, TimeSpan? retryAfter, IReadOnlyCollection<AgentId> team, OutageSettings settings, OutageBackoff backoff, DateTimeOffset now)
    {
        var before = state.Of(agent);
        var consecutive = (before?.Consecutive ?? 0) + 1;
        var delay = backoff.Delay(consecutive, retryAfter);
        var pauseNow = before?.PausedAt is null && consecutive >= settings.PauseAfter;
        var entry = new AgentOutage(agent, consecutive, before?.Since ?? now, now + delay, failure, before?.PausedAt ?? (pauseNow ? now : null));
        IReadOnlyList<AgentOutage> agents = [.. state.Agents.Where(a => a.Agent != agent), entry];
        var teamPauseNow = state.TeamPausedAt is null && team.Count > 0 && team.All(member => agents.Any(a => a.Agent == member && a.IsPaused));

        var wait = $"{Seconds(delay)} s, at {Clock(entry.RetryAt)}{(retryAfter is { } asked ? $" (the API asked for {Seconds(asked)} s)" : string.Empty)}";
        var counted = $"{agent}'s run{(task is { } id ? $" on {id}" : string.Empty)} failed on the model's API: {failure}. Outage failure {consecutive} in a row, since {Clock(entry.Since)}; it counts as no attempt and no failure of {agent}'s.";
        string reason;
        if (teamPauseNow)
        {
            var names = string.Join(", ", team.Select(a => a.Value).Order(StringComparer.Ordinal));
            reason = $"{counted} Every agent of the team ({names}) is paused by the outage: the team takes no new work until a probe gets an answer; {agent}'s next try after {wait}.";
            var next = new OutageState(agents, now, reason);
            return new OutageUpdate(next, OutagePolicies.TeamPause, $"team paused: model API outage ({agent} and every other agent)", reason, entry) { Task = task, PausedAgent = pauseNow, PausedTeam = true };
        }

        if (pauseNow)
        {
            reason = $"{counted} {consecutive} in a row pause {agent} (pause_after: {settings.PauseAfter}): it claims nothing new, and its next run, after {wait}, is the probe.";
            return new OutageUpdate(new OutageState(agents, state.TeamPausedAt, state.TeamReason), OutagePolicies.Pause, $"{agent} paused: model API outage", reason, entry) { Task = task, PausedAgent = true };
        }

        reason = entry.IsPaused
            ? $"{counted} The probe failed: {agent} stays paused; the next probe after {wait}."
            : $"{counted} Tried again after {wait}.";
        return new OutageUpdate(new OutageState(agents, state.TeamPausedAt, state.TeamReason), OutagePolicies.Retry, $"{agent}: model API outage, {consecutive} in a row", reason, entry) { Task = task };
    }

    /// <summary>
    /// The decision after <paramref name="agent"/>'s run got an answer from the model's API; null when there is
    /// nothing to lift (the agent was in no outage, and the team is not paused).
    /// </summary>
    public static OutageUpdate? AfterAnswer(OutageState state, AgentId agent, DateTimeOffset now)
    {
        var before = state.Of(agent);
        if (before is null && state.TeamPausedAt is null)
        {
            return null;
        }

        var team = state.TeamPausedAt is not null;

        // The API answers again: an agent paused with the team need not wait out its backoff to find out.
        IReadOnlyList<AgentOutage> others = [.. state.Agents.Where(a => a.Agent != agent).Select(a => team && a.RetryAt > now ? a with { RetryAt = now } : a)];
        var next = new OutageState(others, null, null);
        var after = before is null ? "it was in no outage" : $"after {before.Consecutive} outage failure(s) in a row since {Clock(before.Since)}";
        if (before?.IsPaused != true && !team)
        {
            return new OutageUpdate(next, OutagePolicies.Recovered, $"{agent}: the model's API answers again", $"{agent}'s run got an answer from the model's API {after}: its count starts over.", null);
        }

        var lifted = team
            ? $"{agent}'s run got an answer from the model's API {after}: the outage is over. The team's pause is lifted{(before?.IsPaused == true ? $", and {agent}'s" : string.Empty)}; every other paused agent's next run is its probe, from now on."
            : $"{agent}'s probe got an answer from the model's API {after}: {agent}'s pause is lifted, and it claims work again.";
        return new OutageUpdate(next, OutagePolicies.Resume, team ? $"team resumed: the model's API answers {agent} again" : $"{agent} resumed: the model's API answers again", lifted, null);
    }

    /// <summary>Why <paramref name="agent"/> may not claim new work now (in its backoff); null when it may.</summary>
    public static string? Refusal(OutageState state, AgentId agent, DateTimeOffset now)
    {
        if (state.Of(agent) is not { } outage || outage.RetryAt <= now)
        {
            return null;
        }

        return outage.IsPaused
            ? $"{agent} is paused by a model API outage since {Clock(outage.PausedAt!.Value)} ({outage.Consecutive} failure(s) in a row): it claims nothing new; its next run after {Clock(outage.RetryAt)} is the probe"
            : $"{agent} waits out a model API outage until {Clock(outage.RetryAt)} ({outage.Consecutive} failure(s) in a row)";
    }

    private static string Seconds(TimeSpan delay) => delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
