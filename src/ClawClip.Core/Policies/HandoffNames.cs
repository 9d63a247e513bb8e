namespace ClawClip.Core.Policies;

/// <summary>The spelling of handoffs in <c>clawclip.yaml</c> and in policy trailers.</summary>
public static class HandoffNames
{
    public static string Name(this Handoff handoff) => handoff switch
    {
        Handoff.TriggerToPlanner => "trigger-to-planner",
        Handoff.PlannerToDev => "planner-to-dev",
        Handoff.DevToQa => "dev-to-qa",
        Handoff.QaToMerge => "qa-to-merge",
        Handoff.Merge => "merge",
        _ => throw new ArgumentOutOfRangeException(nameof(handoff), handoff, null),
    };

    public static bool TryParse(string? name, out Handoff handoff)
    {
        foreach (var candidate in Enum.GetValues<Handoff>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                handoff = candidate;
                return true;
            }
        }

        handoff = default;
        return false;
    }
}
