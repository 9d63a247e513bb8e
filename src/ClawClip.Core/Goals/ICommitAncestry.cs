namespace ClawClip.Core.Goals;

/// <summary>What the target branch's history contains: how the PM checks that a task's landing is really on main.</summary>
public interface ICommitAncestry
{
    /// <summary>
    /// Whether <paramref name="commit"/> is <paramref name="head"/> or one of its ancestors. False for a commit the
    /// repository does not have (never fetched, or collected).
    /// </summary>
    Task<bool> ContainsAsync(string head, string commit, CancellationToken cancellationToken);
}
