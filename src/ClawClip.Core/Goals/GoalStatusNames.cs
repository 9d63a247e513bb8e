namespace ClawClip.Core.Goals;

/// <summary>The spelling of <see cref="GoalStatus"/> in <c>state/goals/&lt;id&gt;.json</c>.</summary>
public static class GoalStatusNames
{
    public static string Name(this GoalStatus status) => status switch
    {
        GoalStatus.Planned => "planned",
        GoalStatus.PlanningFailed => "planning-failed",
        GoalStatus.Failed => "failed",
        GoalStatus.Done => "done",
        GoalStatus.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? name, out GoalStatus status)
    {
        foreach (var candidate in Enum.GetValues<GoalStatus>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
