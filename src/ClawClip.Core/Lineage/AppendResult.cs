namespace ClawClip.Core.Lineage;

/// <summary>The outcome of appending to the lineage branch.</summary>
public abstract record AppendResult
{
    private AppendResult()
    {
    }

    /// <summary>The commits are on the branch; it now points at <see cref="Tip"/>.</summary>
    public sealed record Appended(string Tip) : AppendResult;

    /// <summary>The branch had moved to <see cref="ActualTip"/>; nothing was changed.</summary>
    public sealed record TipMoved(string? ActualTip) : AppendResult;
}
