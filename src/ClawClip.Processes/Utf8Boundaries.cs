namespace ClawClip.Processes;

/// <summary>Moves the ends of a cut UTF-8 fragment to whole characters.</summary>
internal static class Utf8Boundaries
{
    /// <summary>Drops a multi-byte character whose last bytes were cut off the end.</summary>
    public static ReadOnlySpan<byte> TrimIncompleteEnd(ReadOnlySpan<byte> bytes)
    {
        // A character is at most 4 bytes: look back at most 3 for the lead byte of the last one.
        for (var back = 1; back <= Math.Min(4, bytes.Length); back++)
        {
            var b = bytes[^back];
            if (!IsContinuation(b))
            {
                var length = SequenceLength(b);
                return length > back ? bytes[..^back] : bytes;
            }
        }

        return bytes;
    }

    /// <summary>Drops the continuation bytes of a character whose lead byte was cut off the start.</summary>
    public static ReadOnlySpan<byte> TrimIncompleteStart(ReadOnlySpan<byte> bytes)
    {
        var skip = 0;
        while (skip < Math.Min(3, bytes.Length) && IsContinuation(bytes[skip]))
        {
            skip++;
        }

        return bytes[skip..];
    }

    private static bool IsContinuation(byte b) => (b & 0b1100_0000) == 0b1000_0000;

    private static int SequenceLength(byte lead) => lead switch
    {
        < 0b1000_0000 => 1,
        >= 0b1111_0000 => 4,
        >= 0b1110_0000 => 3,
        >= 0b1100_0000 => 2,
        _ => 1,
    };
}
