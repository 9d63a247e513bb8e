using ClawClip.Core.Protection;

namespace ClawClip.Core.Tests.Protection;

public sealed class ProtectedPathsTests
{
    [Theory]
    [InlineData("agents/dev-1.yaml")]
    [InlineData("agents/prompts/dev.md")]
    [InlineData("agents")]
    [InlineData("clawclip.yaml")]
    [InlineData("ROADMAP.md")]
    [InlineData(".github/workflows/ci.yml")]
    [InlineData(".claude/settings.json")]
    [InlineData(".husky/pre-commit")]
    [InlineData(".githooks/pre-push")]
    [InlineData(".gitmodules")]
    [InlineData(".gitattributes")]
    [InlineData("AGENTS/dev-1.yaml")]
    [InlineData("ClawClip.YAML")]
    public void Covers_TheBuiltInFoldersAndFiles_WhateverTheCase(string path) =>
        Assert.True(ProtectedPaths.Default.Covers(path));

    [Theory]
    [InlineData("agentsmith/x.cs")]
    [InlineData("src/agents/x.cs")]
    [InlineData("clawclip.yaml.bak")]
    [InlineData("docs/ROADMAP.md")]
    [InlineData(".github-pages/index.html")]
    [InlineData("README.md")]
    public void Covers_NeitherANameThatOnlyStartsTheSameNorTheSameNameDeeperDown(string path) =>
        Assert.False(ProtectedPaths.Default.Covers(path));

    [Fact]
    public void Covers_AConfiguredFolder_AndEverythingUnderIt_WithOrWithoutItsSlash()
    {
        var paths = new ProtectedPaths(["deploy/", "tools/release"]);

        Assert.True(paths.Covers("deploy/run.sh"));
        Assert.True(paths.Covers("tools/release"));
        Assert.True(paths.Covers("tools/release/sign.sh"));
        Assert.False(paths.Covers("tools/releases.md"));
        Assert.True(paths.Covers("clawclip.yaml")); // the built-in ones stay
    }

    [Fact]
    public void Covers_AConfiguredFile_Exactly()
    {
        var paths = new ProtectedPaths(["secrets.env"]);

        Assert.True(paths.Covers("secrets.env"));
        Assert.False(paths.Covers("secrets.env.example"));
        Assert.False(paths.Covers("app/secrets.env"));
    }

    [Fact]
    public void Touched_GivesTheProtectedPathsOnceEach_InTheirOrder()
    {
        var touched = ProtectedPaths.Default.Touched(["src/a.cs", "clawclip.yaml", "agents/qa.yaml", "clawclip.yaml", "README.md"]);

        Assert.Equal(["clawclip.yaml", "agents/qa.yaml"], touched);
    }

    [Fact]
    public void Entries_AreTheBuiltInOnesThenTheConfiguredOnes_WithoutRepeats()
    {
        var paths = new ProtectedPaths(["deploy/", "ROADMAP.md"]);

        Assert.Equal([.. ProtectedPaths.BuiltIn, "deploy/"], paths.Entries);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("  ", "is empty")]
    [InlineData(" deploy/", "space")]
    [InlineData("/etc/", "is absolute")]
    [InlineData("deploy\\run.sh", "'\\'")]
    [InlineData("deploy/*.sh", "is a pattern")]
    [InlineData("secrets?.env", "is a pattern")]
    [InlineData("../outside", "'..'")]
    [InlineData("./deploy", "'.'")]
    [InlineData("deploy//run.sh", "empty")]
    public void Problem_OfABadEntry_SaysWhatIsWrong(string entry, string expected) =>
        Assert.Contains(expected, ProtectedPaths.Problem(entry), StringComparison.Ordinal);

    [Theory]
    [InlineData("deploy/")]
    [InlineData("deploy")]
    [InlineData("tools/release/sign.sh")]
    [InlineData(".env")]
    public void Problem_OfAGoodEntry_IsNone(string entry) => Assert.Null(ProtectedPaths.Problem(entry));

    [Fact]
    public void New_WithABadEntry_Throws() =>
        Assert.Throws<ArgumentException>(() => new ProtectedPaths(["/etc"]));
}
