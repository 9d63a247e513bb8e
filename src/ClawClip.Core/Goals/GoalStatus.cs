namespace ClawClip.Core.Goals;

/// <summary>Where the PM stands with a roadmap goal.</summary>
public enum GoalStatus
{
    /// <summary>The planner broke it into tasks; they are under way.</summary>
    Planned,

    /// <summary>The planner's answer was unusable; the PM tries again at its next run.</summary>
    PlanningFailed,

    /// <summary>Every task landed and the box is ticked on main.</summary>
    Done,

    /// <summary>The person ticked or deleted it before its tasks were done: its open tasks were canceled.</summary>
    Canceled,
}
