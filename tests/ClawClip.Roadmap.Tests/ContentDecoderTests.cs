using System.Text;
using ClawClip.Core.Goals;

namespace ClawClip.Roadmap.Tests;

public sealed class ContentDecoderTests
{
    [Fact]
    public void Parse_WhenContentIsOneByteOverTheLimit_GivesTheSizeInBytes()
    {
        var problem = Roadmaps.Problem(new byte[RoadmapReader.MaxBytes + 1]);

        Assert.Equal(RoadmapProblemKind.TooLarge, problem.Kind);
        Assert.Equal("ROADMAP.md is 1,048,577 bytes; the limit is 1 MB", problem.Message);
    }

    [Fact]
    public void Parse_WhenAStringIsOverTheLimit_ReturnsTooLargeWithoutParsingIt()
    {
        var problem = Roadmaps.Problem("- [ ] " + new string('é', RoadmapReader.MaxBytes));

        Assert.Equal(RoadmapProblemKind.TooLarge, problem.Kind);
        Assert.Equal("ROADMAP.md is 2.0 MB; the limit is 1 MB", problem.Message);
    }

    [Fact]
    public void Parse_WhenAStringsUtf8IsOverTheLimit_ReturnsTooLarge()
    {
        // Fewer characters than the limit, more bytes.
        var problem = Roadmaps.Problem("- [ ] " + new string('é', (RoadmapReader.MaxBytes / 2) + 1));

        Assert.Equal(RoadmapProblemKind.TooLarge, problem.Kind);
    }

    [Fact]
    public void Parse_WhenTextHasANulByte_NamesItsOffsetAndLine()
    {
        var problem = Roadmaps.Problem(Encoding.UTF8.GetBytes("# Roadmap\r\n- [ ] a\0b\n"));

        Assert.Equal(RoadmapProblemKind.Binary, problem.Kind);
        Assert.Equal(18, problem.ByteOffset);
        Assert.Equal(2, problem.Line);
    }

    [Theory]
    [InlineData(new byte[] { 0x80 }, "a lone continuation byte")]
    [InlineData(new byte[] { 0xC0, 0xAF }, "an overlong '/'")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "a UTF-16 surrogate")]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, "a code point past U+10FFFF")]
    [InlineData(new byte[] { 0xE2, 0x82 }, "a sequence cut short at the end")]
    public void Parse_WhenBytesAreNotUtf8_NamesTheOffsetOfTheFirstBadOne(byte[] bad, string what)
    {
        var problem = Roadmaps.Problem([.. "- [ ] é "u8, .. bad]);

        Assert.True(problem.Kind == RoadmapProblemKind.NotUtf8, what);
        Assert.Equal(9, problem.ByteOffset);
    }

    [Fact]
    public void Parse_WhenABadByteFollowsAByteOrderMark_CountsTheOffsetFromTheStartOfTheFile()
    {
        var problem = Roadmaps.Problem([0xEF, 0xBB, 0xBF, .. "ab"u8, 0xFF]);

        Assert.Equal(RoadmapProblemKind.NotUtf8, problem.Kind);
        Assert.Equal(5, problem.ByteOffset);
    }

    [Fact]
    public void Parse_WhenTextHasNonAsciiCharacters_KeepsThem()
    {
        var goals = Roadmaps.Goals("- [ ] Ünïcödé 日本語 🚀\n");

        Assert.Equal("Ünïcödé 日本語 🚀", Assert.Single(goals).Text);
    }
}
