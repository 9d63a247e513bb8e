using ClawClip.Core.Policies;
using ClawClip.Core.Protection;

namespace ClawClip.Agents.Tests;

/// <summary><c>protected_paths:</c> of <c>clawclip.yaml</c>, read through <see cref="RepositoryConfigLoader"/>.</summary>
public sealed class ProtectedPathsReaderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private RepositoryConfig Load(string yaml) => RepositoryConfigLoader.Load(folder.Write("clawclip.yaml", yaml));

    private RepositoryConfigException Fails(string yaml)
    {
        var path = folder.Write("clawclip.yaml", yaml);
        var e = Assert.Throws<RepositoryConfigException>(() => RepositoryConfigLoader.Load(path));
        Assert.Equal(path, e.File);
        Assert.EndsWith("clawclip.yaml", e.File, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public void Load_WithoutProtectedPaths_ProtectsTheBuiltInOnesAlone()
    {
        var config = Load("dispatch:\n  max_parallel: 2\n");

        Assert.Equal(ProtectedPaths.BuiltIn, config.ProtectedPaths.Entries);
    }

    [Fact]
    public void Load_AList_AddsItsEntriesToTheBuiltInOnes()
    {
        var config = Load("protected_paths:\n  - deploy/\n  - secrets.env\n");

        Assert.True(config.ProtectedPaths.Covers("deploy/run.sh"));
        Assert.True(config.ProtectedPaths.Covers("secrets.env"));
        Assert.True(config.ProtectedPaths.Covers("clawclip.yaml"));
        Assert.False(config.ProtectedPaths.Covers("src/a.cs"));
    }

    [Fact]
    public void Load_AnInlineList_ReadsTheSame()
    {
        var config = Load("protected_paths: [deploy/, tools/release]\n");

        Assert.True(config.ProtectedPaths.Covers("tools/release/sign.sh"));
    }

    [Theory]
    [InlineData("protected_paths:\n  - deploy/\n  - /etc/\n", 3, "'protected_paths' entry '/etc/' is absolute")]
    [InlineData("checks:\n  test: [make]\nprotected_paths:\n  - \"deploy/*.sh\"\n", 4, "is a pattern")]
    [InlineData("protected_paths:\n  - ../up\n", 2, "'..'")]
    [InlineData("protected_paths:\n  - \"\"\n", 2, "is empty")]
    [InlineData("protected_paths: deploy/\n", 1, "must be a list")]
    [InlineData("protected_paths:\n  - {path: deploy/}\n", 2, "must be a single value")]
    public void Load_ABadEntry_IsRefusedNamingTheFileAndTheLine(string yaml, int line, string expected)
    {
        var e = Fails(yaml);

        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{e.File}:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
