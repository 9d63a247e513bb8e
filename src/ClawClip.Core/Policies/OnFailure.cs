namespace ClawClip.Core.Policies;

/// <summary>What a handoff does when its input is stale, missing or failed.</summary>
public enum OnFailure
{
    /// <summary>Warn and go on with the input there is (a failed planner leaves the existing tasks valid).</summary>
    Continue,

    /// <summary>Stop: the failed input never reaches the next step.</summary>
    Halt,
}
