using ClawClip.Core.Agents;

namespace ClawClip.State;

/// <summary><c>state/agents/&lt;agent&gt;/trust.json</c>, schema 1.</summary>
internal static class TrustFile
{
    public static byte[] Serialize(TrustRecord trust) => StateJson.Serialize(new TrustDto
    {
        Schema = StateJson.Schema,
        Agent = trust.Agent.Value,
        Tier = trust.Tier.Name(),
        SuccessesInARow = trust.SuccessesInARow,
        FailuresInARow = trust.FailuresInARow,
        Successes = trust.Successes,
        Failures = trust.Failures,
        SpendUsd = trust.SpendUsd,
        UpdatedAt = trust.UpdatedAt,
    });

    public static TrustRecord Deserialize(ReadOnlySpan<byte> bytes, string displayPath, AgentId agent)
    {
        var dto = StateJson.Deserialize<TrustDto>(bytes, displayPath);
        if (dto.Agent != agent.Value)
        {
            throw new InvalidStateFileException(displayPath, $"\"agent\" is '{dto.Agent}' but the file belongs to {agent}");
        }

        if (!TierNames.TryParse(dto.Tier, out var tier))
        {
            throw new InvalidStateFileException(displayPath, $"\"tier\" '{dto.Tier}' is not one of intern, junior, senior, principal");
        }

        return new TrustRecord(agent, tier, dto.SuccessesInARow, dto.FailuresInARow, dto.Successes, dto.Failures, dto.SpendUsd, dto.UpdatedAt);
    }

    internal sealed class TrustDto
    {
        public int Schema { get; set; }

        public string? Agent { get; set; }

        public string? Tier { get; set; }

        public int SuccessesInARow { get; set; }

        public int FailuresInARow { get; set; }

        public int Successes { get; set; }

        public int Failures { get; set; }

        public decimal SpendUsd { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }
    }
}
