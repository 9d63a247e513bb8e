using ClawClip.Core.Protection;

namespace ClawClip.Core.Tests.Protection;

public sealed class HookFoldersTests
{
    [Theory]
    [InlineData(".husky/pre-commit")]
    [InlineData(".husky/_/husky.sh")]
    [InlineData("web/.husky/pre-push")]
    [InlineData(".githooks/post-checkout")]
    [InlineData(".GITHOOKS/pre-commit")]
    [InlineData("vendor/.git/hooks/pre-commit")]
    [InlineData("vendor/.GIT/hooks/pre-commit")]
    [InlineData("vendor/.git./hooks/pre-commit")]
    [InlineData("vendor/git~1/hooks/pre-commit")]
    [InlineData("vendor/.g\u200Cit/hooks/pre-commit")]
    public void Contains_PathsUnderAHookFolderOrAGitLookalikesHooks(string path) =>
        Assert.True(HookFolders.Contains(path));

    [Theory]
    [InlineData(".husky")]
    [InlineData("src/husky/pre-commit")]
    [InlineData("hooks/pre-commit")]
    [InlineData("vendor/.gitx/hooks/pre-commit")]
    [InlineData("vendor/.git/hooks")]
    [InlineData("scripts/.github/hooks.md")]
    public void Contains_NothingElse(string path) =>
        Assert.False(HookFolders.Contains(path));
}
