using ClawClip.Core.Pipeline;

namespace ClawClip.Core.Tests.Policies;

public sealed class QaVerdictTests
{
    [Fact]
    public void TryParse_ARevise_KeepsEachCommentsFileLineAndText()
    {
        var verdict = QaVerdict.TryParse("""{"verdict":"revise","summary":"close","comments":[{"file":"src/a.cs","line":12,"comment":"handle null"}]}""", out _);

        Assert.NotNull(verdict);
        Assert.False(verdict.Approve);
        var comment = Assert.Single(verdict.Comments);
        Assert.Equal(("src/a.cs", 12, "handle null"), (comment.File, comment.Line, comment.Comment));
    }

    [Fact]
    public void TryParse_AnApproveWithoutComments_IsAnApproval()
    {
        var verdict = QaVerdict.TryParse("""{"verdict":"approve","summary":"meets every criterion","comments":[]}""", out _);

        Assert.True(verdict!.Approve);
        Assert.Empty(verdict.Comments);
    }

    [Theory]
    [InlineData(null, "no verdict")]
    [InlineData("", "no verdict")]
    [InlineData("LGTM!", "not valid JSON")]
    [InlineData("[1,2]", "a JSON array, not an object")]
    [InlineData("""{"verdict":"ship it"}""", "\"verdict\" must be \"approve\" or \"revise\"")]
    [InlineData("""{"verdict":"revise","comments":"fix it"}""", "\"comments\" must be an array")]
    [InlineData("""{"verdict":"revise","comments":[{"line":3}]}""", "comments[0] needs a \"file\"")]
    [InlineData("""{"verdict":"revise","comments":[]}""", "must say what to change")]
    public void TryParse_WhatIsNotAVerdict_SaysWhatIsWrong(string? json, string expected)
    {
        Assert.Null(QaVerdict.TryParse(json, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_IsTheJsonSchemaTheParserReads()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(QaVerdict.Schema);

        Assert.Equal(["verdict", "summary", "comments"], schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }
}
