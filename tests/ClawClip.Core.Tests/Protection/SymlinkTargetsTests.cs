using ClawClip.Core.Protection;

namespace ClawClip.Core.Tests.Protection;

public sealed class SymlinkTargetsTests
{
    private static readonly Dictionary<string, string> NoOtherLinks = [];

    [Theory]
    [InlineData("docs/readme", "../README.md")]
    [InlineData("latest", "releases/1.2")]
    [InlineData("a/b/c", "../../x/./y")]
    [InlineData("self", "self")]
    [InlineData("here", ".")]
    public void Problem_OfALinkThatStaysInTheTree_IsNone(string link, string target) =>
        Assert.Null(SymlinkTargets.Problem(link, target, new Dictionary<string, string> { [link] = target }));

    [Theory]
    [InlineData("passwd", "/etc/passwd", "absolute")]
    [InlineData("state", "../../state", "leaves the tree")]
    [InlineData("docs/up", "../..", "leaves the tree")]
    [InlineData("a/b", "c/../../../x", "leaves the tree")]
    [InlineData("config", ".git/config", "into .git")]
    [InlineData("hooks", "sub/../.GIT/hooks", "into .git")]
    [InlineData("short", "git~1/config", "into .git")]
    public void Problem_OfALinkThatLeavesTheTreeOrEntersGit_SaysSo(string link, string target, string expected) =>
        Assert.Contains(expected, SymlinkTargets.Problem(link, target, NoOtherLinks), StringComparison.Ordinal);

    [Fact]
    public void Problem_FollowsTheOtherLinksOfTheTree_AsTheSystemWould()
    {
        var links = new Dictionary<string, string> { ["a"] = ".", ["b"] = "a/a/.." };

        Assert.Contains("leaves the tree through the link 'a'", SymlinkTargets.Problem("b", "a/a/..", links), StringComparison.Ordinal);
        Assert.Null(SymlinkTargets.Problem("b", "a/a/..", NoOtherLinks)); // as text it stays
    }

    [Fact]
    public void Problem_OfALinkToALinkThatLeavesTheTree_IsThatLinksProblem()
    {
        var links = new Dictionary<string, string> { ["out"] = "/etc", ["in"] = "out/passwd" };

        Assert.Contains("through the link 'out' to '/etc'", SymlinkTargets.Problem("in", "out/passwd", links), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_OfALoopOfLinks_IsNone_SinceItLeadsNowhere()
    {
        var links = new Dictionary<string, string> { ["a"] = "b", ["b"] = "a" };

        Assert.Null(SymlinkTargets.Problem("a", "b", links));
    }
}
