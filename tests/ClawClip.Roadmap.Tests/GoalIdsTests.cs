using System.Security.Cryptography;
using System.Text;
using ClawClip.Core.Goals;

namespace ClawClip.Roadmap.Tests;

public sealed class GoalIdsTests
{
    private const string Roadmap = """
        # Roadmap
        ## Storage
        - [ ] Faster writes
          - [ ] Batch fsync
        - [ ] Compaction
        ## Plugins
        - [x] Plugin API
        """;

    [Fact]
    public void Parse_GivesAnItemWithoutAGoalComment_G_AndTheHashOfItsNormalizedText()
    {
        var goals = Roadmaps.Goals("- [ ]   Ship **Fast**\t<!-- someday -->  now\n");

        Assert.Equal(Expected("ship fast now"), Assert.Single(goals).Id.Value);
    }

    [Fact]
    public void Parse_GivesASubGoal_TheHashOfItsParentsTextsAndItsOwnJoinedByLineFeeds()
    {
        var goals = Roadmaps.Goals("- [ ] Storage\n  - Plain\n    - [ ] Faster\n      - [ ] Batch fsync\n");

        Assert.Equal(Expected("storage\nfaster\nbatch fsync"), goals.IdOf("Batch fsync").Value);
    }

    [Fact]
    public void Parse_WhenAnotherItemIsInserted_KeepsTheIdsOfTheOthers()
    {
        var before = Roadmaps.Goals(Roadmap);

        var after = Roadmaps.Goals(Roadmap
            .Replace("- [ ] Compaction", "- [ ] Encryption\n- [ ] Compaction", StringComparison.Ordinal)
            .Replace("  - [ ] Batch fsync", "  - [ ] Write-ahead log\n  - [ ] Batch fsync", StringComparison.Ordinal));

        AssertSameIds(before, after);
        Assert.Equal(6, after.Count);
    }

    [Fact]
    public void Parse_WhenAnItemIsRemoved_KeepsTheIdsOfTheOthers()
    {
        var before = Roadmaps.Goals(Roadmap);

        var after = Roadmaps.Goals(Roadmap.Replace("- [ ] Compaction\n", "", StringComparison.Ordinal));

        AssertSameIds(before, after);
        Assert.Equal(3, after.Count);
    }

    [Fact]
    public void Parse_WhenItemsAreReordered_KeepsTheirIds()
    {
        var before = Roadmaps.Goals(Roadmap);

        var after = Roadmaps.Goals("""
            - [ ] Compaction
            - [x] Plugin API
            - [ ] Faster writes
              - [ ] Batch fsync
            """);

        AssertSameIds(before, after);
    }

    [Fact]
    public void Parse_WhenAnItemMovesUnderAnotherHeading_KeepsItsId()
    {
        var before = Roadmaps.Goals(Roadmap);

        var after = Roadmaps.Goals(Roadmap.Replace("- [ ] Compaction\n", "", StringComparison.Ordinal) + "\n### Later\n- [ ] Compaction\n");

        Assert.Equal(["Roadmap", "Plugins", "Later"], after.Goal("Compaction").Headings);
        AssertSameIds(before, after);
    }

    [Fact]
    public void Parse_WhenOnlyCaseSpacingMarkupOrTheCheckboxChange_KeepsTheId()
    {
        var before = Roadmaps.Goals("- [ ] Faster writes\n");

        var after = Roadmaps.Goals("* [x]   **FASTER**\n  writes\n");

        Assert.Equal(before.Single().Id, after.Single().Id);
    }

    [Fact]
    public void Parse_WhenAnItemsTextChanges_ChangesItsIdAndItsSubGoalsIds()
    {
        var before = Roadmaps.Goals(Roadmap);

        var after = Roadmaps.Goals(Roadmap.Replace("Faster writes", "Fast writes", StringComparison.Ordinal));

        Assert.NotEqual(before.IdOf("Faster writes"), after.IdOf("Fast writes"));
        Assert.NotEqual(before.IdOf("Batch fsync"), after.IdOf("Batch fsync"));
        Assert.Equal(before.IdOf("Compaction"), after.IdOf("Compaction"));
    }

    [Fact]
    public void Parse_WhenItemsHaveTheSameTextUnderTheSameParent_SuffixesTheLaterOnesInDocumentOrder()
    {
        var goals = Roadmaps.Goals("- [ ] Review\n## Elsewhere\n- [x] review\n- [ ] REVIEW\n");

        var first = goals[0].Id.Value;
        Assert.Equal([first, first + "-2", first + "-3"], goals.Select(g => g.Id.Value));
    }

    [Fact]
    public void Parse_WhenTheSameTextIsUnderDifferentParents_GivesDifferentIdsWithoutSuffixes()
    {
        var goals = Roadmaps.Goals("- [ ] Storage\n  - [ ] Tests\n- [ ] Plugins\n  - [ ] Tests\n");

        Assert.Equal(Expected("storage\ntests"), goals[1].Id.Value);
        Assert.Equal(Expected("plugins\ntests"), goals[3].Id.Value);
    }

    [Fact]
    public void Parse_WhenAnItemHasAGoalComment_UsesItsSlug()
    {
        var goals = Roadmaps.Goals("""
            - [ ] Faster writes <!-- goal: fast-writes -->
            - [ ] Compaction
              <!--goal:compaction-2 -->
              - [ ] Sub <!-- GOAL: sub -->
            """);

        Assert.Equal(["G-fast-writes", "G-compaction-2", "G-sub"], goals.Select(g => g.Id.Value));
        Assert.Equal("Faster writes", goals[0].Text);
        Assert.Equal(GoalId.Parse("G-compaction-2"), goals[2].Parent);
    }

    [Fact]
    public void Parse_WhenAnItemWithAGoalCommentIsReworded_KeepsItsId()
    {
        var before = Roadmaps.Goals("- [ ] Faster writes <!-- goal: fast-writes -->\n");

        var after = Roadmaps.Goals("- [x] Much faster writes, measured <!-- goal: fast-writes -->\n");

        Assert.Equal(before.Single().Id, after.Single().Id);
    }

    [Fact]
    public void Parse_WhenAGoalCommentIsAddedToAParent_KeepsItsSubGoalsIds()
    {
        var before = Roadmaps.Goals("- [ ] Storage\n  - [ ] Faster writes\n");

        var after = Roadmaps.Goals("- [ ] Storage <!-- goal: storage -->\n  - [ ] Faster writes\n");

        Assert.Equal(before.IdOf("Faster writes"), after.IdOf("Faster writes"));
    }

    [Fact]
    public void Parse_WhenAComputedIdEqualsALaterExplicitOne_GivesTheComputedOneTheSuffix()
    {
        var hashOfAlpha = Expected("alpha")["G-".Length..];

        var goals = Roadmaps.Goals($"- [ ] Alpha\n- [ ] Pinned <!-- goal: {hashOfAlpha} -->\n");

        Assert.Equal("G-" + hashOfAlpha + "-2", goals.IdOf("Alpha").Value);
        Assert.Equal("G-" + hashOfAlpha, goals.IdOf("Pinned").Value);
    }

    [Theory]
    [InlineData("Faster_Writes")]
    [InlineData("faster writes")]
    [InlineData("schnell-ü")]
    [InlineData("")]
    public void Parse_WhenAGoalCommentsSlugIsInvalid_ReturnsAProblemNamingTheLine(string slug)
    {
        var problem = Roadmaps.Problem($"# Roadmap\n\n- [ ] Fine\n- [ ] Faster <!-- goal: {slug} -->\n");

        Assert.Equal(RoadmapProblemKind.InvalidGoalId, problem.Kind);
        Assert.Equal(4, problem.Line);
        Assert.StartsWith($"ROADMAP.md line 4: '{slug}' is not a goal slug", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenAGoalCommentOnItsOwnLineIsInvalid_ReturnsAProblemNamingTheItemsLine()
    {
        var problem = Roadmaps.Problem("- [ ] Faster\n  <!-- goal: Nope -->\n");

        Assert.Equal(RoadmapProblemKind.InvalidGoalId, problem.Kind);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void Parse_WhenTwoItemsUseTheSameGoalComment_ReturnsAProblemNamingBothLines()
    {
        var problem = Roadmaps.Problem("- [ ] A <!-- goal: same -->\n- [ ] B\n- [ ] C <!-- goal: same -->\n");

        Assert.Equal(RoadmapProblemKind.DuplicateGoalId, problem.Kind);
        Assert.Equal("ROADMAP.md lines 1 and 3 both say <!-- goal: same -->; goal ids must be unique", problem.Message);
    }

    [Fact]
    public void Parse_WhenAnItemHasTwoGoalComments_ReturnsAProblem()
    {
        var problem = Roadmaps.Problem("- [ ] A <!-- goal: one -->\n  <!-- goal: two -->\n");

        Assert.Equal(RoadmapProblemKind.InvalidGoalId, problem.Kind);
        Assert.Equal("ROADMAP.md line 1: the item has 2 goal comments (<!-- goal: … -->); keep one", problem.Message);
    }

    /// <summary>The rule as documented, computed here independently of the reader.</summary>
    private static string Expected(string normalizedPath) =>
        "G-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedPath)))[..10];

    /// <summary>Every item in both lists (matched by text) has the same id in both.</summary>
    private static void AssertSameIds(IReadOnlyList<RoadmapGoal> before, IReadOnlyList<RoadmapGoal> after)
    {
        var common = before.Select(g => g.Text).Intersect(after.Select(g => g.Text)).ToList();
        Assert.True(common.Count >= 3, "the edit should leave at least three items in place");
        foreach (var text in common)
        {
            Assert.Equal(before.IdOf(text), after.IdOf(text));
        }
    }
}
