using ClawClip.Core.Agents;
using ClawClip.Processes;

namespace ClawClip.Agents.Tests;

/// <summary>
/// An agent's stdout is limited to 4 MB (README, "The command runtime"): more is a failure saying so, even when the
/// output ends with a result JSON that says it succeeded. For both runtimes, against real scripted programs. Never
/// beside <see cref="CommandRuntimeTests"/>, which measures what its own run allocates.
/// </summary>
[Collection(CommandRuntimeTests.LargeOutputs)]
public sealed class OutputLimitTests : IDisposable
{
    private const string Result = """{"is_error":false,"result":"done","num_turns":2,"total_cost_usd":0.01}""";

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TheLimit_IsTheFourMegabytesReadmeDocuments() => Assert.Equal(4 * 1024 * 1024, AgentResultParser.MaxOutputBytes);

    [Fact]
    public async Task TheCommandRuntime_AnAgentPrintingFiveMegabytesThenASuccess_IsAFailureOverTheLimit()
    {
        var result = await new CommandRuntime(Program(5), [], new ProcessRunner(), Sandbox()).RunAsync(Request(), CancellationToken.None);

        AssertOverTheLimit(result);
    }

    [Fact]
    public async Task TheClaudeRuntime_ACliPrintingFiveMegabytesThenASuccess_IsAFailureOverTheLimit()
    {
        var result = await new ClaudeCodeRuntime("sonnet", new ProcessRunner(), Sandbox(), Program(5)).RunAsync(Request(), CancellationToken.None);

        AssertOverTheLimit(result);
    }

    [Fact]
    public async Task BothRuntimes_AnAgentPrintingThreeMegabytesThenASuccess_Succeeds()
    {
        var command = await new CommandRuntime(Program(3), [], new ProcessRunner(), Sandbox()).RunAsync(Request(), CancellationToken.None);
        var claude = await new ClaudeCodeRuntime("sonnet", new ProcessRunner(), Sandbox(), Program(3)).RunAsync(Request(), CancellationToken.None);

        Assert.True(command.Succeeded, command.Failure);
        Assert.True(claude.Succeeded, claude.Failure);
    }

    private static void AssertOverTheLimit(AgentRunResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Contains("its output is over the limit: it printed 5 MB on stdout, and an agent may print at most 4 MB (4194304 bytes)", result.Failure, StringComparison.Ordinal);
    }

    // A program that reads its request, prints megabytes of progress lines, then a result JSON that says it succeeded.
    private string Program(int megabytes)
    {
        var path = folder.Write("agent-" + megabytes, $"""
            #!/bin/sh
            cat >/dev/null
            head -c {megabytes * 1024 * 1024} /dev/zero | tr '\0' 'x' | fold -w 1000
            echo
            echo '{Result}'

            """);
        if (!OperatingSystem.IsWindows()) // claw.clip runs on Linux and macOS; the program is a shell script
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private AgentSandbox Sandbox() => new(System.IO.Path.Combine(folder.Path, ".home"));

    private AgentRunRequest Request() => new(
        AgentId.Parse("dev-1"),
        "build the parser",
        "you are a developer",
        folder.Path,
        new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
        TierPolicy.For(Tier.Junior),
        TimeSpan.FromSeconds(60));
}
