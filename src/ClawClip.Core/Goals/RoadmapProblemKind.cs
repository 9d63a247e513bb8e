namespace ClawClip.Core.Goals;

/// <summary>Why ROADMAP.md could not be turned into goals.</summary>
public enum RoadmapProblemKind
{
    /// <summary>There is no file at the path.</summary>
    Missing,

    /// <summary>The file exists but could not be read (a folder, no permission, an I/O error).</summary>
    Unreadable,

    /// <summary>The file is over the size limit.</summary>
    TooLarge,

    /// <summary>The file has a NUL byte.</summary>
    Binary,

    /// <summary>The file has bytes that are not valid UTF-8.</summary>
    NotUtf8,

    /// <summary>Lists, quotes, indentation, brackets or emphasis are nested past the limit.</summary>
    TooDeep,

    /// <summary>A <c>&lt;!-- goal: … --&gt;</c> comment does not hold a valid slug.</summary>
    InvalidGoalId,

    /// <summary>Two items declare the same goal id.</summary>
    DuplicateGoalId,
}
