namespace ClawClip.Scanning;

/// <summary>A line a change adds, with its number in the new version of the file.</summary>
/// <param name="Number">1-based, as a diff's hunk header counts.</param>
/// <param name="Text">The line without its newline or the diff's leading <c>+</c>.</param>
public readonly record struct AddedLine(int Number, string Text);
