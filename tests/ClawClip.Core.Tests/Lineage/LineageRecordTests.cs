using ClawClip.Core.Agents;
using ClawClip.Core.Lineage;

namespace ClawClip.Core.Tests.Lineage;

public sealed class LineageRecordTests
{
    private static readonly LineageRecord Record = new(
        "0001",
        new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero),
        AgentIdentity.Human,
        "T-0047 review → merging",
        "QA approved the diff.",
        [new Trailer("Task", "T-0047"), new Trailer("Policy", "review.approved")],
        []);

    [Fact]
    public void Message_IsSubjectBlankLineBodyBlankLineTrailers()
    {
        Assert.Equal("T-0047 review → merging\n\nQA approved the diff.\n\nTask: T-0047\nPolicy: review.approved\n", Record.Message());
    }

    [Fact]
    public void Message_TrimsTheBody()
    {
        var message = (Record with { Body = "\n  QA approved the diff.  \n\n" }).Message();

        Assert.Equal("T-0047 review → merging\n\nQA approved the diff.\n\nTask: T-0047\nPolicy: review.approved\n", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Message_WhenTheBodyIsBlank_PutsTheTrailersRightAfterTheSubject(string body)
    {
        var message = (Record with { Body = body }).Message();

        Assert.Equal("T-0047 review → merging\n\nTask: T-0047\nPolicy: review.approved\n", message);
    }

    [Theory]
    [InlineData("read a.json\nand b.json")]
    [InlineData("read a.json\r\nand b.json")]
    [InlineData("read a.json\rand b.json\n")]
    public void Message_FoldsAMultiLineTrailerValueOntoOneLine(string value)
    {
        var message = (Record with { Trailers = [new Trailer("Data", value), new Trailer("Policy", "p")] }).Message();

        Assert.EndsWith("\n\nData: read a.json and b.json\nPolicy: p\n", message, StringComparison.Ordinal);
    }
}
