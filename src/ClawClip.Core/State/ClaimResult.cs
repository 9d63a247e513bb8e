using ClawClip.Core.Tasks;

namespace ClawClip.Core.State;

/// <summary>The outcome of a claim: expected outcomes are values, not exceptions.</summary>
public abstract record ClaimResult
{
    private ClaimResult()
    {
    }

    /// <summary>The agent now holds <see cref="Task"/>.</summary>
    public sealed record Claimed(TaskRecord Task) : ClaimResult;

    /// <summary>No backlog task this agent can take (none left, or none matching its skills).</summary>
    public sealed record NothingToClaim : ClaimResult;

    /// <summary>Another claimer took the task first, or it is no longer in the backlog.</summary>
    public sealed record AlreadyClaimed(TaskId Task) : ClaimResult;

    /// <summary>An emergency stop is in force; nobody claims until it is lifted.</summary>
    public sealed record Stopped(EmergencyStop Stop) : ClaimResult;
}
