using ClawClip.Core.Protection;

namespace ClawClip.Core.Tests.Protection;

public sealed class LandingGuardTests
{
    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public void Refusal_OfPlainFilesAndScripts_IsNone()
    {
        LandedEntry[] landed = [new("src/a.cs", LandedEntryKind.File, null), new("build.sh", LandedEntryKind.Executable, null), new(".husky/README", LandedEntryKind.File, null), new("old.txt", LandedEntryKind.Deleted, null)];

        Assert.Null(LandingGuard.Refusal(landed, None, None));
    }

    [Fact]
    public void Refusal_OfAnExecutableInAHookFolder_NamesIt()
    {
        LandedEntry[] landed = [new("src/a.cs", LandedEntryKind.File, null), new(".husky/pre-commit", LandedEntryKind.Executable, null)];

        Assert.Equal(".husky/pre-commit", LandingGuard.Refusal(landed, None, None)?.Path);
    }

    [Fact]
    public void Refusal_OfASymlinkInAHookFolder_NamesIt_EvenWhenItStaysInTheTree()
    {
        var links = new Dictionary<string, string> { [".githooks/pre-commit"] = "../tools/hook" };

        var refusal = LandingGuard.Refusal([new(".githooks/pre-commit", LandedEntryKind.Symlink, "../tools/hook")], links, None);

        Assert.Equal(new LandingRefusal(".githooks/pre-commit", "is a symlink in a hook folder, which would run in the next person's git commands"), refusal);
    }

    [Fact]
    public void Refusal_OfASymlinkOutOfTheTree_NamesItAndItsTarget()
    {
        var refusal = LandingGuard.Refusal([new("passwd", LandedEntryKind.Symlink, "/etc/passwd")], None, None);

        Assert.Equal("passwd is a symlink that points to '/etc/passwd', an absolute path outside the tree", refusal?.ToString());
    }

    [Fact]
    public void Refusal_OfALinkOnTheTarget_ThatANewLinkMakesLeaveTheTree_NamesTheOldLink()
    {
        var before = new Dictionary<string, string> { ["b"] = "d/d/.." };
        var after = new Dictionary<string, string> { ["b"] = "d/d/..", ["d"] = "." };

        var refusal = LandingGuard.Refusal([new("d", LandedEntryKind.Symlink, ".")], after, before);

        Assert.Equal("b", refusal?.Path);
    }

    [Fact]
    public void Refusal_OfALinkThatAlreadyLeftTheTreeOnTheTarget_IsNone_SinceThePersonPutItThere()
    {
        var links = new Dictionary<string, string> { ["etc"] = "/etc" };

        Assert.Null(LandingGuard.Refusal([new("src/a.cs", LandedEntryKind.File, null)], links, links));
    }
}
