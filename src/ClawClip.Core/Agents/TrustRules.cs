namespace ClawClip.Core.Agents;

/// <summary>How trust is earned and lost: successes in a row to leave each tier, failures in a row to drop one.</summary>
public sealed record TrustRules(int InternToJunior = 3, int JuniorToSenior = 5, int SeniorToPrincipal = 10, int FailuresToDemote = 3)
{
    public static TrustRules Default { get; } = new();

    /// <summary>Successes in a row that promote an agent of <paramref name="tier"/>; null at the top.</summary>
    public int? SuccessesToPromote(Tier tier) => tier switch
    {
        Tier.Intern => InternToJunior,
        Tier.Junior => JuniorToSenior,
        Tier.Senior => SeniorToPrincipal,
        _ => null,
    };
}
