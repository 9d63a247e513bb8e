using System.Text;

namespace ClawClip.Processes.Tests;

public sealed class Utf8BoundariesTests
{
    [Theory]
    [InlineData("abc", 0, "abc")]
    [InlineData("abé", 0, "abé")]
    [InlineData("abé", 1, "ab")]
    [InlineData("a🎉", 0, "a🎉")]
    [InlineData("a🎉", 1, "a")]
    [InlineData("a🎉", 2, "a")]
    [InlineData("a🎉", 3, "a")]
    public void TrimIncompleteEnd_DropsOnlyACharacterCutShort(string text, int cutBytes, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        var trimmed = Utf8Boundaries.TrimIncompleteEnd(bytes.AsSpan(0, bytes.Length - cutBytes));

        Assert.Equal(expected, Encoding.UTF8.GetString(trimmed));
    }

    [Theory]
    [InlineData("abc", 0, "abc")]
    [InlineData("éb", 1, "b")]
    [InlineData("🎉b", 1, "b")]
    [InlineData("🎉b", 3, "b")]
    public void TrimIncompleteStart_DropsOnlyACharacterWhoseStartWasCut(string text, int cutBytes, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        var trimmed = Utf8Boundaries.TrimIncompleteStart(bytes.AsSpan(cutBytes));

        Assert.Equal(expected, Encoding.UTF8.GetString(trimmed));
    }
}
