using ClawClip.Core.Budgets;

namespace ClawClip.Core.Agents;

/// <summary>
/// <c>state/agents/&lt;agent&gt;/trust.json</c>: an agent's earned tier, its streaks and its spend. Tiers are
/// earned, never configured: only outcomes move them.
/// </summary>
public sealed record TrustRecord(
    AgentId Agent,
    Tier Tier,
    int SuccessesInARow,
    int FailuresInARow,
    int Successes,
    int Failures,
    decimal SpendUsd,
    DateTimeOffset UpdatedAt)
{
    public static TrustRecord New(AgentId agent) => new(agent, Tier.Intern, 0, 0, 0, 0, 0m, DateTimeOffset.MinValue);

    /// <summary>The record with <paramref name="costUsd"/> more spent (rounded as <see cref="Money"/> says); streaks and tier as they were.</summary>
    public TrustRecord WithSpend(decimal costUsd, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(costUsd);
        return this with { SpendUsd = SpendUsd + Money.Round(costUsd), UpdatedAt = at };
    }

    /// <summary>The record after one task outcome, with what changed and why.</summary>
    public TrustChange After(bool success, decimal costUsd, TrustRules rules, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(costUsd);
        var next = success
            ? this with { SuccessesInARow = SuccessesInARow + 1, FailuresInARow = 0, Successes = Successes + 1 }
            : this with { SuccessesInARow = 0, FailuresInARow = FailuresInARow + 1, Failures = Failures + 1 };
        next = next with { SpendUsd = SpendUsd + Money.Round(costUsd), UpdatedAt = at };

        if (success && rules.SuccessesToPromote(Tier) is { } needed && next.SuccessesInARow >= needed)
        {
            var promoted = next with { Tier = Tier + 1, SuccessesInARow = 0 };
            return new TrustChange(this, promoted, $"{needed} successes in a row take {Tier.Name()} to {promoted.Tier.Name()}");
        }

        if (!success && next.FailuresInARow >= rules.FailuresToDemote && Tier > Tier.Intern)
        {
            var demoted = next with { Tier = Tier - 1, FailuresInARow = 0 };
            return new TrustChange(this, demoted, $"{rules.FailuresToDemote} failures in a row take {Tier.Name()} back to {demoted.Tier.Name()}");
        }

        var streak = success ? $"{next.SuccessesInARow} success(es) in a row" : $"{next.FailuresInARow} failure(s) in a row";
        return new TrustChange(this, next, $"{streak} as {Tier.Name()}");
    }
}
