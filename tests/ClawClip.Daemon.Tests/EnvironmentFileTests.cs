namespace ClawClip.Daemon.Tests;

public sealed class EnvironmentFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clawclip-env-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Read_KeyValueLines_SkipsCommentsAndBlanks_AndUnquotesValues()
    {
        var path = Write("# secrets for the daemon\n\nANTHROPIC_API_KEY=sk-ant-123\nexport CLAUDE_CODE_OAUTH_TOKEN=\"tok en\"\nEMPTY=\nSINGLE='a=b'\n");

        var variables = EnvironmentFile.Read(path);

        Assert.Equal(
            [new("ANTHROPIC_API_KEY", "sk-ant-123"), new("CLAUDE_CODE_OAUTH_TOKEN", "tok en"), new("EMPTY", ""), new KeyValuePair<string, string>("SINGLE", "a=b")],
            variables);
    }

    [Theory]
    [InlineData("JUST_A_NAME\n", ":1: expected KEY=value")]
    [InlineData("# fine\nlower=case\n", ":2: 'lower' is not an environment variable name")]
    [InlineData("=value\n", ":1: expected KEY=value")]
    public void Read_ALineThatIsNotAVariable_NamesTheFileAndLine(string content, string expected)
    {
        var path = Write(content);

        var e = Assert.Throws<FormatException>(() => EnvironmentFile.Read(path));

        Assert.StartsWith(path + expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AMissingFile_SaysHowToCreateIt()
    {
        var e = Assert.Throws<FormatException>(() => EnvironmentFile.Read(Path.Combine(folder, "nope")));

        Assert.Contains("no such file", e.Message, StringComparison.Ordinal);
    }

    private string Write(string content)
    {
        var path = Path.Combine(folder, "env");
        File.WriteAllText(path, content);
        return path;
    }
}
