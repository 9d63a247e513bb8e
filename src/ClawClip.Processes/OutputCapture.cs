using System.Buffers;
using System.Globalization;
using System.Text;

namespace ClawClip.Processes;

/// <summary>
/// One output stream of a child, held within a byte limit: the first half of the limit fills first,
/// then a ring keeps the most recent bytes. Everything is counted, so a truncated capture still knows
/// how much was written. Memory grows with what is kept, never with what passes through.
/// </summary>
internal sealed class OutputCapture
{
    private const int ReadBufferBytes = 64 * 1024;

    private readonly int _headCapacity;
    private readonly int _tailCapacity;
    private byte[] _head = [];
    private int _headLength;

    // Allocated only once the head is full; _tailStart is the oldest byte once the ring has wrapped.
    private byte[]? _tail;
    private int _tailStart;
    private int _tailLength;

    // Head and tail joined, made once the reading is over; any later Append clears it.
    private byte[]? _joined;

    public OutputCapture(int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _headCapacity = maxBytes - (maxBytes / 2);
        _tailCapacity = maxBytes / 2;
    }

    /// <summary>Every byte appended, kept or not.</summary>
    public long TotalBytes { get; private set; }

    public int KeptBytes => _headLength + _tailLength;

    public bool Truncated => TotalBytes > KeptBytes;

    /// <summary>Copies <paramref name="source"/> into this capture until end of stream.</summary>
    public async Task ReadToEndAsync(Stream source, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        _joined = null;
        TotalBytes += data.Length;
        var toHead = Math.Min(data.Length, _headCapacity - _headLength);
        if (toHead > 0)
        {
            GrowHead(_headLength + toHead);
            data[..toHead].CopyTo(_head.AsSpan(_headLength));
            _headLength += toHead;
            data = data[toHead..];
        }

        if (data.IsEmpty || _tailCapacity == 0)
        {
            return;
        }

        _tail ??= new byte[_tailCapacity];
        if (data.Length >= _tailCapacity)
        {
            data[^_tailCapacity..].CopyTo(_tail);
            _tailStart = 0;
            _tailLength = _tailCapacity;
            return;
        }

        // Write after the newest byte, wrapping around, then drop the oldest bytes that were overwritten.
        var writeAt = (_tailStart + _tailLength) % _tailCapacity;
        var first = Math.Min(data.Length, _tailCapacity - writeAt);
        data[..first].CopyTo(_tail.AsSpan(writeAt));
        data[first..].CopyTo(_tail);
        var overflow = Math.Max(0, _tailLength + data.Length - _tailCapacity);
        _tailStart = (_tailStart + overflow) % _tailCapacity;
        _tailLength = Math.Min(_tailCapacity, _tailLength + data.Length);
    }

    /// <summary>The bytes kept: the head followed directly by the tail. Shares the buffer when there is no tail.</summary>
    public ReadOnlyMemory<byte> Kept() => _tailLength == 0 ? _head.AsMemory(0, _headLength) : _joined ??= Join();

    private byte[] Join()
    {
        var bytes = new byte[KeptBytes];
        _head.AsSpan(0, _headLength).CopyTo(bytes);
        CopyTail(bytes.AsSpan(_headLength));
        return bytes;
    }

    /// <summary>
    /// The text kept, as UTF-8. When bytes were dropped, a marker line stands in for them and the cut
    /// ends are moved to character boundaries, so no character is split into U+FFFD.
    /// </summary>
    public string Decode()
    {
        if (!Truncated)
        {
            return Encoding.UTF8.GetString(Kept().Span);
        }

        var tailBytes = new byte[_tailLength];
        CopyTail(tailBytes);
        var head = Utf8Boundaries.TrimIncompleteEnd(_head.AsSpan(0, _headLength));
        var tail = Utf8Boundaries.TrimIncompleteStart(tailBytes);
        var omitted = TotalBytes - head.Length - tail.Length;
        return string.Concat(
            Encoding.UTF8.GetString(head),
            string.Create(CultureInfo.InvariantCulture, $"\n[... {omitted} bytes omitted ...]\n"),
            Encoding.UTF8.GetString(tail));
    }

    private void GrowHead(int needed)
    {
        if (needed <= _head.Length)
        {
            return;
        }

        // Grow geometrically but never past the head's share, so small outputs stay small.
        var size = Math.Min(_headCapacity, Math.Max(needed, Math.Max(256, _head.Length * 2)));
        Array.Resize(ref _head, size);
    }

    private void CopyTail(Span<byte> destination)
    {
        if (_tail is null)
        {
            return;
        }

        var first = Math.Min(_tailLength, _tailCapacity - _tailStart);
        _tail.AsSpan(_tailStart, first).CopyTo(destination);
        _tail.AsSpan(0, _tailLength - first).CopyTo(destination[first..]);
    }
}
