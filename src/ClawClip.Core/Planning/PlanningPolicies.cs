namespace ClawClip.Core.Planning;

/// <summary>The rules the PM's lineage commits cite.</summary>
public static class PlanningPolicies
{
    public const string GoalPlanned = "pm.goal-planned";
    public const string GoalDone = "pm.goal-done";
    public const string GoalFailed = "pm.goal-failed";
    public const string GoalResumed = "pm.goal-resumed";
    public const string GoalWithdrawn = "pm.goal-withdrawn";
}
