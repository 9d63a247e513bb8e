namespace ClawClip.Core.Agents;

/// <summary>One outcome's effect on an agent's trust, with the rule that applied.</summary>
public sealed record TrustChange(TrustRecord Before, TrustRecord After, string Reason)
{
    public bool Promoted => After.Tier > Before.Tier;

    public bool Demoted => After.Tier < Before.Tier;
}
