namespace ClawClip.Core.Protection;

/// <summary>What a tree entry is, by its git mode.</summary>
public enum LandedEntryKind
{
    /// <summary>A plain file (mode 100644).</summary>
    File,

    /// <summary>An executable file (mode 100755).</summary>
    Executable,

    /// <summary>A symbolic link (mode 120000): its content is its target.</summary>
    Symlink,

    /// <summary>A submodule's commit (mode 160000).</summary>
    Submodule,

    /// <summary>Gone: the commit deletes the path.</summary>
    Deleted,
}
