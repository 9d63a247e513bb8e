using ClawClip.Core.Tasks;

namespace ClawClip.Git;

/// <summary>
/// The refs a task has in the repository: its branch (the only thing taken back from its clone), the commit it was
/// based on (what its branch must descend from; kept as a ref so that a gc never drops what the clone borrows), and
/// the commit its clone last agreed with the repository on (so that a branch the repository moved meanwhile, as the
/// merge queue's rebase does, is never overwritten by the clone's older head).
/// </summary>
internal static class TaskRefs
{
    /// <summary>What <c>update-ref</c> takes for "must not exist yet".</summary>
    public const string None = "0000000000000000000000000000000000000000";

    public static string Branch(TaskId task) => "refs/heads/" + GitWorktrees.BranchOf(task);

    public static string Base(TaskId task) => "refs/clawclip/bases/" + task.Value;

    public static string Synced(TaskId task) => "refs/clawclip/clones/" + task.Value;

    /// <summary>
    /// Whether <paramref name="text"/> is an object id as git prints it (SHA-1 or SHA-256, lowercase hex). What comes
    /// out of a clone is the agent's to shape, so nothing from there reaches another git command unchecked.
    /// </summary>
    public static bool IsObjectId(string text) =>
        text.Length is 40 or 64 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
