using System.Text;

namespace ClawClip.Processes.Tests;

public sealed class OutputCaptureTests
{
    [Fact]
    public void Decode_WithinTheLimit_ReturnsEverythingExactly()
    {
        var capture = new OutputCapture(maxBytes: 10);
        capture.Append("abc"u8);
        capture.Append("defghij"u8);

        Assert.False(capture.Truncated);
        Assert.Equal(10, capture.TotalBytes);
        Assert.Equal("abcdefghij", capture.Decode());
        Assert.Equal("abcdefghij"u8.ToArray(), capture.Kept().ToArray());
    }

    [Fact]
    public void Decode_PastTheLimit_KeepsTheFirstAndLastHalves_WithAMarkerBetween()
    {
        var capture = new OutputCapture(maxBytes: 6);
        capture.Append("abcdefghijklmnopqrstuvwxyz"u8);

        Assert.True(capture.Truncated);
        Assert.Equal(26, capture.TotalBytes);
        Assert.Equal("abc\n[... 20 bytes omitted ...]\nxyz", capture.Decode());
        Assert.Equal("abcxyz"u8.ToArray(), capture.Kept().ToArray());
    }

    [Fact]
    public void Append_InSmallPieces_KeepsTheMostRecentBytesInOrder_AsTheRingWraps()
    {
        var capture = new OutputCapture(maxBytes: 8);
        foreach (var piece in new[] { "ab", "cd", "ef", "g", "hij", "k", "lmn", "o" })
        {
            capture.Append(Encoding.ASCII.GetBytes(piece));
        }

        Assert.Equal(15, capture.TotalBytes);
        Assert.Equal("abcdlmno"u8.ToArray(), capture.Kept().ToArray());
    }

    [Fact]
    public void Decode_DoesNotSplitACharacterAtEitherCut()
    {
        // "é" is 2 bytes and "🎉" 4: the head's cut falls inside the é, the tail's inside the 🎉;
        // the marker counts every byte not shown, the halves of those two included.
        var capture = new OutputCapture(maxBytes: 8);
        capture.Append(Encoding.UTF8.GetBytes("abcé" + new string('-', 10) + "🎉xyz"));

        Assert.Equal("abc\n[... 16 bytes omitted ...]\nxyz", capture.Decode());
    }

    [Fact]
    public void Append_WithALimitOfZero_KeepsNothingButCountsEverything()
    {
        var capture = new OutputCapture(maxBytes: 0);
        capture.Append("hello"u8);

        Assert.Equal(5, capture.TotalBytes);
        Assert.Equal(0, capture.KeptBytes);
        Assert.True(capture.Truncated);
    }

    [Fact]
    public async Task ReadToEndAsync_CopiesAStreamLongerThanItsBuffer()
    {
        var data = new byte[200_000];
        new Random(7).NextBytes(data);
        var capture = new OutputCapture(maxBytes: 300_000);

        await capture.ReadToEndAsync(new MemoryStream(data), CancellationToken.None);

        Assert.Equal(data, capture.Kept().ToArray());
    }
}
