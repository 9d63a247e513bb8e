using System.Text;
using ClawClip.Core.Goals;

namespace ClawClip.Roadmap;

/// <summary>
/// Reads ROADMAP.md into goals: each GitHub task-list item (<c>- [ ] …</c>, <c>- [x] …</c>, with <c>-</c>,
/// <c>*</c>, <c>+</c> or <c>1.</c> lists) is a <see cref="RoadmapGoal"/>, done when checked. Plain list
/// items are not goals, but a task-list item under one still is. Bad input gives a <see cref="RoadmapProblem"/>,
/// never an exception.
/// </summary>
/// <remarks>
/// <para><b>Goal ids.</b> If an item holds an HTML comment <c>&lt;!-- goal: some-slug --&gt;</c> (in its
/// text, or on a line of its own inside the item), its id is <c>G-some-slug</c>; the slug must be
/// lower-case letters, digits and '-', and no two items may use the same one. Otherwise the id is
/// <c>G-</c> followed by the first 10 lower-case hex digits of the SHA-256 of the UTF-8 of the
/// normalized texts of the enclosing task-list items (plain list items are skipped) and of the item
/// itself, outermost first, joined by "\n". An item's normalized text is its plain text (markup
/// flattened to what a reader sees, the checkbox and any HTML, goal comments included, removed) in lower
/// case (invariant), whitespace runs collapsed to one space, trimmed. Headings are not part of it, so
/// moving an item to another section keeps its id. Items with the same computed id (the same text under
/// the same parents) are told apart by document order: the first keeps it, the second gets <c>-2</c>,
/// the third <c>-3</c>, and so on; a computed id that an explicit one already holds takes the next free
/// suffix the same way. So an id stays the same when other items are added, removed or reordered; it
/// changes when the item's own text, or an enclosing item's, changes, unless the item has a goal comment.</para>
/// <para><b>Limits.</b> Checked before Markdig parses anything, because Markdig recurses over nested
/// blocks and a stack overflow ends the process: at most <see cref="MaxBytes"/> bytes; no NUL byte;
/// valid UTF-8 (a byte order mark is fine); and at most <see cref="MaxNesting"/> levels of nesting, counted
/// per line as block quotes plus list markers plus one level per two columns of leading indentation
/// (a tab reaching the next multiple of four), and per paragraph as '[' or emphasis delimiters open at once.</para>
/// </remarks>
public static class RoadmapReader
{
    /// <summary>The largest file read: 1 MiB.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The deepest nesting read, of blocks on a line or of brackets and emphasis in a paragraph.</summary>
    public const int MaxNesting = 32;

    /// <summary>Reads the file at <paramref name="path"/>; a missing or unreadable file is a problem naming the path.</summary>
    public static RoadmapReadResult Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] content;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.CanSeek && stream.Length > MaxBytes)
            {
                return ContentDecoder.TooLarge(path, stream.Length);
            }

            // Reading one byte past the limit catches a file that grew after the check, or cannot seek.
            var buffer = new byte[MaxBytes + 1];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            content = buffer[..read];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new RoadmapProblem(path, RoadmapProblemKind.Missing, $"{path} does not exist");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            var what = Directory.Exists(path) ? "it is a folder" : e.Message;
            return new RoadmapProblem(path, RoadmapProblemKind.Unreadable, $"{path} cannot be read: {what}");
        }

        return Parse(path, content);
    }

    /// <summary>Parses ROADMAP.md's bytes; <paramref name="sourceName"/> names the file in messages.</summary>
    public static RoadmapReadResult Parse(string sourceName, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        if (!ContentDecoder.TryDecode(sourceName, content, out var text, out var problem))
        {
            return problem;
        }

        if (NestingGuard.Check(sourceName, text, MaxNesting) is { } tooDeep)
        {
            return tooDeep;
        }

        if (!GoalCollector.TryCollect(sourceName, text, out var drafts, out problem)
            || !GoalIds.TryAssign(sourceName, drafts, out var goals, out problem))
        {
            return problem;
        }

        return new RoadmapGoalsRead(sourceName, goals);
    }

    /// <summary>Parses ROADMAP.md's text; <paramref name="sourceName"/> names the file in messages.</summary>
    public static RoadmapReadResult Parse(string sourceName, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentNullException.ThrowIfNull(content);

        // Limits are in bytes, and a string's UTF-8 is at least as many bytes as it has characters.
        return content.Length > MaxBytes
            ? ContentDecoder.TooLarge(sourceName, Encoding.UTF8.GetByteCount(content))
            : Parse(sourceName, Encoding.UTF8.GetBytes(content));
    }
}
