using ClawClip.Daemon.Service;

namespace ClawClip.Daemon.Tests;

public sealed class SystemdSyntaxTests
{
    [Theory]
    [InlineData("/usr/local/bin/clawclip", "/usr/local/bin/clawclip")]
    [InlineData("--repo", "--repo")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"back\slash", "\"back\\\\slash\"")]
    [InlineData("$HOME", "\"$$HOME\"")]
    [InlineData("100%", "\"100%%\"")]
    [InlineData(";", "\";\"")]
    [InlineData("", "\"\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("bell\u0007", "\"bell\\x07\"")]
    public void CommandWord_QuotesAndEscapesWhatSystemdWouldOtherwiseInterpret(string word, string written)
    {
        Assert.Equal(written, SystemdSyntax.CommandWord(word));
    }

    [Fact]
    public void Assignment_LeavesADollarAlone_SinceEnvironmentSubstitutesNothing()
    {
        Assert.Equal("\"PATH=/a b:$PATH 100%%\"", SystemdSyntax.Assignment("PATH", "/a b:$PATH 100%"));
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("/ends with a space ")]
    [InlineData("/two\nlines")]
    public void PathValue_RefusesWhatAPathSettingCannotHold(string path)
    {
        Assert.Throws<ArgumentException>(() => SystemdSyntax.PathValue(path));
    }

    [Fact]
    public void PathValue_KeepsSpacesAndQuotes_AndEscapesSpecifiers()
    {
        Assert.Equal("/a b/\"q\"/50%%", SystemdSyntax.PathValue("/a b/\"q\"/50%"));
    }
}
