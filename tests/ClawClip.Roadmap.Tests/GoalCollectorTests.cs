using ClawClip.Core.Goals;

namespace ClawClip.Roadmap.Tests;

public sealed class GoalCollectorTests
{
    [Fact]
    public void Parse_GivesEachGoalThePathOfHeadingsAboveIt()
    {
        var goals = Roadmaps.Goals("""
            # Roadmap
            - [ ] Top
            ## Q1
            ### Storage
            - [ ] Faster writes
            ## Q2
            - [ ] Plugins

            Later
            -----
            - [ ] Setext
            """);

        Assert.Equal(["Roadmap"], goals.Goal("Top").Headings);
        Assert.Equal(["Roadmap", "Q1", "Storage"], goals.Goal("Faster writes").Headings);
        Assert.Equal(["Roadmap", "Q2"], goals.Goal("Plugins").Headings);
        Assert.Equal(["Roadmap", "Later"], goals.Goal("Setext").Headings);
    }

    [Fact]
    public void Parse_WhenNoHeadingIsAboveAnItem_GivesItNoHeadings()
    {
        var goals = Roadmaps.Goals("- [ ] Alone\n");

        Assert.Empty(Assert.Single(goals).Headings);
    }

    [Fact]
    public void Parse_WhenItemsAreNested_MakesThemSubGoalsOfTheNearestTaskItem()
    {
        var goals = Roadmaps.Goals("""
            - [ ] Storage
              - [ ] Faster writes
                - [x] Batch fsync
              - [ ] Compaction
            - [ ] Plugins
            """);

        Assert.Null(goals.Goal("Storage").Parent);
        Assert.Equal(goals.IdOf("Storage"), goals.Goal("Faster writes").Parent);
        Assert.Equal(goals.IdOf("Faster writes"), goals.Goal("Batch fsync").Parent);
        Assert.Equal(goals.IdOf("Storage"), goals.Goal("Compaction").Parent);
        Assert.Null(goals.Goal("Plugins").Parent);
    }

    [Fact]
    public void Parse_WhenATaskItemIsUnderAPlainItem_SkipsThePlainItemForItsParent()
    {
        var goals = Roadmaps.Goals("""
            - [ ] Storage
              - Notes, not a goal
                - [ ] Under the notes
            - Plain
              - [ ] Under plain only
            """);

        Assert.Equal(["Storage", "Under the notes", "Under plain only"], goals.Select(g => g.Text));
        Assert.Equal(goals.IdOf("Storage"), goals.Goal("Under the notes").Parent);
        Assert.Null(goals.Goal("Under plain only").Parent);
    }

    [Fact]
    public void Parse_WhenATaskItemIsInABlockQuoteInsideAnother_StillFindsItsParent()
    {
        var goals = Roadmaps.Goals("""
            - [ ] Outer
              > - [ ] Quoted
            """);

        Assert.Equal(goals.IdOf("Outer"), goals.Goal("Quoted").Parent);
    }

    [Fact]
    public void Parse_WhenABoxIsChecked_MarksTheGoalDone()
    {
        var goals = Roadmaps.Goals("- [ ] Open\n- [x] Lower\n- [X] Upper\n");

        Assert.Equal([false, true, true], goals.Select(g => g.Done));
    }

    [Fact]
    public void Parse_ReadsTaskItemsInStarPlusAndOrderedLists()
    {
        var goals = Roadmaps.Goals("* [ ] Star\n\n+ [x] Plus\n\n1. [ ] Dot\n\n1) [ ] Paren\n");

        Assert.Equal(["Star", "Plus", "Dot", "Paren"], goals.Select(g => g.Text));
    }

    [Theory]
    [InlineData("- Plain item\n")]
    [InlineData("- [ ]x not a checkbox on GitHub\n")]
    [InlineData("- [ ]\n")]
    [InlineData("- [y] not a checkbox\n")]
    [InlineData("[ ] not in a list\n")]
    [InlineData("```\n- [ ] in a code block\n```\n")]
    [InlineData("    - [ ] indented code\n")]
    [InlineData("- Plain item\n\n  [ ] in its second paragraph\n")]
    public void Parse_WhenAnItemHasNoGitHubCheckbox_DoesNotMakeItAGoal(string markdown)
    {
        Assert.Empty(Roadmaps.Goals(markdown));
    }

    [Fact]
    public void Parse_WhenThereIsNoTaskList_ReturnsNoGoalsWithAMessage()
    {
        var read = Roadmaps.Read("# Roadmap\n\nWe will do great things.\n\n- someday\n");

        Assert.Empty(read.Goals);
        Assert.Equal("ROADMAP.md has no task-list items (- [ ] …)", read.Message);
    }

    [Fact]
    public void Parse_WhenTheFileIsEmpty_ReturnsNoGoalsWithAMessage()
    {
        Assert.Equal("ROADMAP.md has no task-list items (- [ ] …)", Roadmaps.Read("").Message);
    }

    [Fact]
    public void Parse_FlattensInlineMarkdownToPlainText()
    {
        var goals = Roadmaps.Goals("- [ ] Ship **fast**   and _well_: `dotnet test`, [docs](https://x.test), ![logo](l.png) <https://y.test> &amp; <kbd>Ctrl</kbd> \\*literal\\*\n");

        Assert.Equal("Ship fast and well: dotnet test, docs, logo https://y.test & Ctrl *literal*", Assert.Single(goals).Text);
    }

    [Fact]
    public void Parse_JoinsTheLinesOfAnItemsFirstParagraphAndLeavesOutTheRest()
    {
        var goals = Roadmaps.Goals("""
            - [ ] Faster
              writes\
              soon

              Details in a second paragraph.
            """);

        Assert.Equal("Faster writes soon", Assert.Single(goals).Text);
    }

    [Fact]
    public void Parse_GivesEachGoalTheOneBasedLineOfItsMarker()
    {
        var goals = Roadmaps.Goals("# Roadmap\r\n\r\n- [ ] One\r\n  - [ ] Two\r- [ ] Three\n");

        Assert.Equal([3, 4, 5], goals.Select(g => g.Line));
    }

    [Fact]
    public void Parse_WhenEmphasisNestsFiftyThousandDeep_ReadsTheTextWithoutRecursing()
    {
        // One run of '*' each side: a single open delimiter for the guard, 50,000 nested emphasis inlines
        // for Markdig. A recursive walk over them would overflow the stack and end the test process.
        var stars = new string('*', 100_000);

        var goals = Roadmaps.Goals($"- [ ] {stars}deep{stars}\n");

        Assert.Equal("deep", Assert.Single(goals).Text);
    }

    [Fact]
    public void TryCollect_WhenMarkdigHitsItsOwnDepthLimit_ReturnsAProblemInsteadOfThrowing()
    {
        // Past the guard's back: Markdig throws at its own limit, which must come back as a value.
        var text = string.Concat(Enumerable.Repeat("> ", 1000)) + "- [ ] deep\n";

        var collected = GoalCollector.TryCollect(Roadmaps.Name, text, out _, out var problem);

        Assert.False(collected);
        Assert.Equal(RoadmapProblemKind.TooDeep, problem!.Kind);
        Assert.StartsWith("ROADMAP.md is nested too deeply to parse as Markdown", problem.Message, StringComparison.Ordinal);
    }
}
