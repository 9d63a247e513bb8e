namespace ClawClip.Core.Tasks;

/// <summary>What a task's branch changes against its base.</summary>
/// <param name="Head">The branch's head commit.</param>
/// <param name="Files">The paths it changes.</param>
/// <param name="Patch">The unified diff, cut at a size an agent's prompt can hold.</param>
/// <param name="Truncated">True when <paramref name="Patch"/> was cut.</param>
public sealed record TaskDiff(string Head, IReadOnlyList<string> Files, string Patch, bool Truncated)
{
    /// <summary>
    /// Null when the diff is of the agent's own branch. Else why its clone's branch was not taken back (it does not
    /// descend from the task's base, its objects failed git's checks): the diff is then of the branch as the
    /// repository kept it.
    /// </summary>
    public string? NotTakenBack { get; init; }
}
