namespace ClawClip.Core.Goals;

/// <summary>Where the PM stands with a roadmap goal.</summary>
public enum GoalStatus
{
    /// <summary>The planner broke it into tasks; they are under way.</summary>
    Planned,

    /// <summary>The planner's answer was unusable; the PM tries again at its next run.</summary>
    PlanningFailed,

    /// <summary>
    /// A task planned for it failed: the goal cannot be done until a person retries that task (<c>clawclip retry</c>),
    /// which puts the goal back to planned, or edits the goal, which plans it again.
    /// </summary>
    Failed,

    /// <summary>Every task landed a commit that main contains, and the box is ticked on main.</summary>
    Done,

    /// <summary>The person ticked or deleted it before its tasks were done: its open tasks were canceled.</summary>
    Canceled,
}
