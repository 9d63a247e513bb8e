namespace ClawClip.Daemon.Tests;

public sealed class DaemonVariablesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clawclip-variables-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void WithFile_HandsOutTheFilesValues_WithoutSettingThemInTheProcessEnvironment()
    {
        var name = "CLAWCLIP_TEST_CANARY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var path = Write($"{name}=canary-value\n");

        var variables = DaemonVariables.WithFile(path);

        Assert.Equal("canary-value", variables.Get(name));
        Assert.Null(Environment.GetEnvironmentVariable(name)); // nothing a child started with this process's environment inherits
    }

    [Fact]
    public void WithFile_LaysTheFileOverTheProcessEnvironment_TheLastLineOfANameWinning()
    {
        var path = Write("TOKEN=first\nTOKEN=second\n");
        var process = new Dictionary<string, string> { ["TOKEN"] = "from the shell", ["PATH"] = "/usr/bin" };

        var variables = DaemonVariables.WithFile(path, name => process.GetValueOrDefault(name));

        Assert.Equal("second", variables.Get("TOKEN"));
        Assert.Equal("/usr/bin", variables.Get("PATH"));
        Assert.Null(variables.Get("UNSET"));
    }

    [Fact]
    public void WithFile_ABadLine_NamesTheFileAndLine()
    {
        var path = Write("GOOD=1\nnot a variable\n");

        var e = Assert.Throws<FormatException>(() => DaemonVariables.WithFile(path));

        Assert.StartsWith(path + ":2: expected KEY=value", e.Message, StringComparison.Ordinal);
    }

    private string Write(string content)
    {
        var path = Path.Combine(folder, "env");
        File.WriteAllText(path, content);
        return path;
    }
}
