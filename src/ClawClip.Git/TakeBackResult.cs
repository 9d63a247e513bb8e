namespace ClawClip.Git;

/// <summary>What taking a task's branch back from its clone did: outcomes are values, a git that fails to run is an exception.</summary>
public abstract record TakeBackResult
{
    private TakeBackResult()
    {
    }

    /// <summary>The task has no clone (never made, or removed): the repository's branch is all there is.</summary>
    public sealed record NoClone : TakeBackResult;

    /// <summary>The clone's task branch is the repository's already.</summary>
    public sealed record Unchanged(string Head) : TakeBackResult;

    /// <summary>The repository's task branch now points at the clone's <paramref name="Head"/>, its objects checked.</summary>
    public sealed record TakenBack(string Head) : TakeBackResult;

    /// <summary>
    /// The repository's task branch moved since the clone last agreed with it (the merge queue rebased it, a person
    /// reset it): the repository's <paramref name="Head"/> wins, and the clone is to be reset to it.
    /// </summary>
    public sealed record RepositoryMoved(string? Head) : TakeBackResult;

    /// <summary>The clone's branch was not taken: <paramref name="Reason"/> says why; the repository's branch is unchanged.</summary>
    public sealed record Refused(string Reason) : TakeBackResult;
}
