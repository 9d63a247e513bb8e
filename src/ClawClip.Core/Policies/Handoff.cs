namespace ClawClip.Core.Policies;

/// <summary>A link in <c>trigger → planner → dev → QA → merge</c> whose input can be stale, missing or failed.</summary>
public enum Handoff
{
    /// <summary>A trigger (a roadmap change, a timer) hands work to the planner.</summary>
    TriggerToPlanner,

    /// <summary>The planner's tasks go to the dev agents.</summary>
    PlannerToDev,

    /// <summary>A dev result goes to QA once it passes its checks.</summary>
    DevToQa,

    /// <summary>A result QA accepted goes to the merge queue.</summary>
    QaToMerge,

    /// <summary>The merge itself, behind the merge gate.</summary>
    Merge,
}
