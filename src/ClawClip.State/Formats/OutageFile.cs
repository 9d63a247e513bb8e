using ClawClip.Core.Agents;
using ClawClip.Core.Outages;

namespace ClawClip.State;

/// <summary>
/// <c>state/outage.json</c>, schema 1: the agents whose runs the model's API is failing (<c>agents</c>: name,
/// failures in a row, since, the next try, the last failure, when paused) and the team's pause (<c>team_paused_at</c>,
/// <c>team_reason</c>; null when the team is not paused).
/// </summary>
internal static class OutageFile
{
    public static byte[] Serialize(OutageState state) => StateJson.Serialize(new OutageDto
    {
        Schema = StateJson.Schema,
        Agents = [.. state.Agents.Select(a => new AgentDto
        {
            Agent = a.Agent.Value,
            Consecutive = a.Consecutive,
            Since = a.Since,
            RetryAt = a.RetryAt,
            LastFailure = a.LastFailure,
            PausedAt = a.PausedAt,
        })],
        TeamPausedAt = state.TeamPausedAt,
        TeamReason = state.TeamReason,
    });

    /// <summary>Reads the file; every problem is an <see cref="InvalidStateFileException"/> naming it and the entry at fault.</summary>
    public static OutageState Deserialize(ReadOnlySpan<byte> bytes, string displayPath)
    {
        var dto = StateJson.Deserialize<OutageDto>(bytes, displayPath);
        var entries = dto.Agents ?? throw new InvalidStateFileException(displayPath, "\"agents\" is missing: write \"agents\": [] when there are none");
        var agents = entries.Select((a, i) => new AgentOutage(
            AgentId.TryParse(a.Agent, out var agent) ? agent : throw new InvalidStateFileException(displayPath, $"agents[{i}].agent is {(a.Agent is null ? "missing" : $"'{a.Agent}', not an agent name")}"),
            a.Consecutive >= 1 ? a.Consecutive : throw new InvalidStateFileException(displayPath, $"agents[{i}].consecutive is {a.Consecutive}: it counts failures in a row, at least 1"),
            a.Since,
            a.RetryAt,
            a.LastFailure ?? string.Empty,
            a.PausedAt)).ToList();
        var duplicate = agents.GroupBy(a => a.Agent).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidStateFileException(displayPath, $"\"agents\" holds {duplicate.Key} {duplicate.Count()} times: an agent is in one outage at a time");
        }

        return new OutageState(agents, dto.TeamPausedAt, dto.TeamReason);
    }

    internal sealed class OutageDto
    {
        public int Schema { get; set; }

        public List<AgentDto>? Agents { get; set; }

        public DateTimeOffset? TeamPausedAt { get; set; }

        public string? TeamReason { get; set; }
    }

    internal sealed class AgentDto
    {
        public string? Agent { get; set; }

        public int Consecutive { get; set; }

        public DateTimeOffset Since { get; set; }

        public DateTimeOffset RetryAt { get; set; }

        public string? LastFailure { get; set; }

        public DateTimeOffset? PausedAt { get; set; }
    }
}
