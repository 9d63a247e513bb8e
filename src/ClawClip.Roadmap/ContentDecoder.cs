using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;
using ClawClip.Core.Goals;
using static System.FormattableString;

namespace ClawClip.Roadmap;

/// <summary>
/// Turns the file's bytes into text, refusing a file that is too large, binary or not UTF-8 before any
/// parser sees it. A UTF-8 byte order mark is allowed and dropped.
/// </summary>
internal static class ContentDecoder
{
    private const double BytesPerMegabyte = 1024 * 1024;

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public static bool TryDecode(
        string sourceName,
        ReadOnlySpan<byte> content,
        [NotNullWhen(true)] out string? text,
        [NotNullWhen(false)] out RoadmapProblem? problem)
    {
        text = null;
        problem = null;
        if (content.Length > RoadmapReader.MaxBytes)
        {
            problem = TooLarge(sourceName, content.Length);
            return false;
        }

        var start = content.StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;
        var body = content[start..];

        var nul = body.IndexOf((byte)0);
        if (nul >= 0)
        {
            var offset = start + nul;
            var line = LineAt(content, offset);
            problem = new RoadmapProblem(
                sourceName,
                RoadmapProblemKind.Binary,
                Invariant($"{sourceName} looks binary, not Markdown: it has a NUL byte at offset {offset} (line {line})"),
                line,
                offset);
            return false;
        }

        // UTF-16 never needs more code units than UTF-8 has bytes.
        var chars = new char[body.Length];
        var status = Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: true);
        if (status != OperationStatus.Done)
        {
            var offset = start + read;
            var line = LineAt(content, offset);
            problem = new RoadmapProblem(
                sourceName,
                RoadmapProblemKind.NotUtf8,
                Invariant($"{sourceName} is not UTF-8 text: the byte at offset {offset} (line {line}) does not start a valid UTF-8 sequence"),
                line,
                offset);
            return false;
        }

        text = new string(chars, 0, written);
        return true;
    }

    /// <summary>The problem for a file of <paramref name="size"/> bytes, over <see cref="RoadmapReader.MaxBytes"/>.</summary>
    public static RoadmapProblem TooLarge(string sourceName, long size)
    {
        // Near the limit, megabytes to one decimal would read "1.0 MB; the limit is 1 MB": give bytes there.
        var shown = size < 2 * RoadmapReader.MaxBytes
            ? Invariant($"{size:N0} bytes")
            : Invariant($"{size / BytesPerMegabyte:0.0} MB");
        return new RoadmapProblem(
            sourceName,
            RoadmapProblemKind.TooLarge,
            Invariant($"{sourceName} is {shown}; the limit is {RoadmapReader.MaxBytes / BytesPerMegabyte:0.#} MB"));
    }

    /// <summary>The 1-based line holding byte <paramref name="offset"/>, counting lines as Markdown does (LF, CRLF or CR).</summary>
    private static int LineAt(ReadOnlySpan<byte> content, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset; i++)
        {
            if (content[i] == (byte)'\n' || (content[i] == (byte)'\r' && (i + 1 >= content.Length || content[i + 1] != (byte)'\n')))
            {
                line++;
            }
        }

        return line;
    }
}
