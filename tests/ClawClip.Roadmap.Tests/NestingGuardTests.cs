using System.Text;
using ClawClip.Core.Goals;

namespace ClawClip.Roadmap.Tests;

/// <summary>
/// Every deep form is parsed in this process: if one got past the guard and overflowed Markdig's stack,
/// the test run would die rather than fail.
/// </summary>
public sealed class NestingGuardTests
{
    [Theory]
    [MemberData(nameof(DeepForms.Names), MemberType = typeof(DeepForms))]
    public void Parse_WhenNesting1000LevelsDeep_ReturnsAProblemNamingTheLine(string form)
    {
        var (text, line, what) = DeepForms.Get(form);

        var problem = Roadmaps.Problem(text);

        Assert.Equal(RoadmapProblemKind.TooDeep, problem.Kind);
        Assert.Equal(line, problem.Line);
        Assert.Equal($"ROADMAP.md line {line} {what}", problem.Message);
    }

    [Theory]
    [MemberData(nameof(DeepForms.Names), MemberType = typeof(DeepForms))]
    public void TryCollect_WhenTheGuardIsBypassed_StillReturnsWithoutCrashing(string form)
    {
        // Markdig 1.6 refuses or survives these on its own; this holds it to that, for the day it changes.
        var (text, _, _) = DeepForms.Get(form);

        var collected = GoalCollector.TryCollect(Roadmaps.Name, text, out var drafts, out var problem);

        Assert.True(collected ? drafts is not null : problem?.Kind == RoadmapProblemKind.TooDeep);
    }

    [Fact]
    public void Parse_WhenTaskItemsNestExactly32Deep_ReadsThemAll()
    {
        var text = string.Concat(Enumerable.Range(0, RoadmapReader.MaxNesting).Select(i => new string(' ', 2 * i) + $"- [ ] level {i + 1}\n"));

        var goals = Roadmaps.Goals(text);

        Assert.Equal(32, goals.Count);
        Assert.Equal(goals.IdOf("level 31"), goals.Goal("level 32").Parent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("> > ")]
    [InlineData("- ")]
    public void Parse_WhenALineEndsInLotsOfWhitespace_DoesNotCountItAsIndentation(string prefix)
    {
        var text = "- [ ] before\n" + prefix + new string(' ', 500) + "\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n- [ ] after" + new string(' ', 500) + "\n";

        Assert.Equal(["before", "after"], Roadmaps.Goals(text).Select(g => g.Text));
    }

    [Fact]
    public void Parse_WhenTheDeepLineIsFarDown_NamesThatLine()
    {
        var text = "# Roadmap\n\n- [ ] fine\n" + string.Concat(Enumerable.Repeat("> ", 33)) + "x\n";

        Assert.Equal(4, Roadmaps.Problem(text).Line);
    }

    [Theory]
    [InlineData("- ")]
    [InlineData("* ")]
    [InlineData("-\t")]
    public void Parse_WhenALineIsAThematicBreakOfManyMarkers_DoesNotCountThemAsLevels(string marker)
    {
        var text = "- [ ] before\n\n" + string.Concat(Enumerable.Repeat(marker, 200)) + "\n\n- [ ] after\n";

        Assert.Equal(["before", "after"], Roadmaps.Goals(text).Select(g => g.Text));
    }

    [Theory]
    [InlineData("[a](https://x.test) ")]
    [InlineData("*a* _b_ **c** ")]
    [InlineData("\\[ \\* ")]
    [InlineData("snake_case_name 2 * 3 ")]
    [InlineData("a] ")]
    public void Parse_WhenAParagraphClosesWhatItOpens_AllowsAnyNumberOfThem(string unit)
    {
        var text = "- [ ] " + string.Concat(Enumerable.Repeat(unit, 1000)) + "\n";

        Assert.Single(Roadmaps.Goals(text));
    }

    [Fact]
    public void Parse_WhenEachItemOfATightListLeavesAStarOpen_CountsEachItemOnItsOwn()
    {
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => $"- [ ] Match *.md in part {i}\n  and *.cs [too\n"));

        Assert.Equal(100, Roadmaps.Goals(text).Count);
    }

    [Fact]
    public void Parse_WhenABlankLineEndsAParagraph_StartsCountingAgain()
    {
        var paragraph = string.Concat(Enumerable.Repeat("[a *b\n", 20));

        var text = new StringBuilder("- [ ] x\n\n").Insert(0, paragraph + "\n", 10).ToString();

        Assert.Single(Roadmaps.Goals(text));
    }

    [Fact]
    public void Parse_WhenALongRunOfStarsSurroundsAWord_AllowsIt()
    {
        // One delimiter run each side: open once, closed once, however long the runs.
        var stars = new string('*', 2000);

        Assert.Equal("x", Roadmaps.Goals($"- [ ] {stars}x{stars}\n").Single().Text);
    }
}
