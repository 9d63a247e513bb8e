namespace ClawClip.Roadmap;

/// <summary>Which inline nesting limit a line passed.</summary>
internal enum InlineExcess
{
    None,
    Brackets,
    Emphasis,
}
