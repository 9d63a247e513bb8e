namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>The real <c>clawclip</c> program, run as a person runs it, in a repository.</summary>
public static class Clawclip
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] arguments) =>
        DotnetProgram.RunAsync("clawclip", arguments, workingDirectory);

    /// <summary>Runs it with variables added to its environment; fails the test unless it exits 0; returns stdout.</summary>
    public static async Task<string> OkAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var (exitCode, output, error) = await DotnetProgram.RunAsync("clawclip", arguments, workingDirectory, environment);
        Assert.True(exitCode == 0, $"clawclip {string.Join(' ', arguments)} exited {exitCode}: {error}\n{output}");
        return output;
    }

    /// <summary>Runs it and fails the test unless it exits 0; returns stdout.</summary>
    public static async Task<string> OkAsync(string workingDirectory, params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(workingDirectory, arguments);
        Assert.True(exitCode == 0, $"clawclip {string.Join(' ', arguments)} exited {exitCode}: {error}");
        return output;
    }
}
