using ClawClip.Scanning;

namespace ClawClip.Scanning.Tests;

public sealed class RedactionTests
{
    [Fact]
    public void Of_ALongValue_ShowsFourCharactersAndTheLength()
    {
        Assert.Equal("AKIA…(20 chars)", Redaction.Of("AKIAQWERTYUIOPASDFGH"));
    }

    [Fact]
    public void Of_AShortValue_ShowsAtMostAQuarterOfIt()
    {
        Assert.Equal("a…(6 chars)", Redaction.Of("a@b.co"));
        Assert.Equal("…(3 chars)", Redaction.Of("abc"));
    }
}
