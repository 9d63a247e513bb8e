namespace ClawClip.Core.Lineage;

/// <summary>
/// The branch <c>clawclip/state</c> as an append-only log: one commit per record, the ref moved by
/// compare-and-swap so that concurrent writers never lose a commit.
/// </summary>
public interface ILineageBranch
{
    /// <summary>The commit the branch points at, or null if it does not exist yet.</summary>
    Task<string?> TipAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes one commit per record on top of <paramref name="expectedTip"/> and moves the branch to the last
    /// of them only if it is still at <paramref name="expectedTip"/>.
    /// </summary>
    Task<AppendResult> AppendAsync(string? expectedTip, IReadOnlyList<LineageRecord> records, CancellationToken cancellationToken);

    /// <summary>Every file in the tree of <paramref name="commit"/>: path → git blob id.</summary>
    Task<IReadOnlyDictionary<string, string>> ListFilesAsync(string commit, CancellationToken cancellationToken);

    /// <summary>The content of one file in the tree of <paramref name="commit"/>, or null if absent.</summary>
    Task<string?> ReadFileAsync(string commit, string path, CancellationToken cancellationToken);
}
