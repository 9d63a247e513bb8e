namespace ClawClip.Roadmap;

/// <summary>What a line holds after its container prefix (quotes, list markers, indentation), as far as the nesting guard cares.</summary>
internal enum LineKind
{
    /// <summary>Text that may continue the paragraph above.</summary>
    Text,

    /// <summary>Nothing but the prefix: ends a paragraph.</summary>
    Blank,

    /// <summary>The prefix has a list marker: the line starts a new item.</summary>
    ListItem,

    /// <summary>An ATX heading (<c># …</c>): one line, its own block.</summary>
    Heading,

    /// <summary>A thematic break (<c>- - -</c>, <c>***</c>): no inline content.</summary>
    ThematicBreak,
}
