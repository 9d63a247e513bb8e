namespace ClawClip.Core.Agents;

/// <summary>The spelling of tiers in files and trailers.</summary>
public static class TierNames
{
    public static string Name(this Tier tier) => tier switch
    {
        Tier.Intern => "intern",
        Tier.Junior => "junior",
        Tier.Senior => "senior",
        Tier.Principal => "principal",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    public static bool TryParse(string? name, out Tier tier)
    {
        foreach (var candidate in Enum.GetValues<Tier>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                tier = candidate;
                return true;
            }
        }

        tier = default;
        return false;
    }

    /// <summary>
    /// How long a claim lasts before the reaper may hand the task to someone else. Higher tiers are
    /// trusted with longer work between check-ins.
    /// </summary>
    public static TimeSpan LeaseLength(this Tier tier) => tier switch
    {
        Tier.Intern => TimeSpan.FromMinutes(30),
        Tier.Junior => TimeSpan.FromMinutes(45),
        Tier.Senior => TimeSpan.FromMinutes(60),
        Tier.Principal => TimeSpan.FromMinutes(90),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };
}
