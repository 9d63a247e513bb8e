using ClawClip.Core.Agents;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Agents.Tests;

/// <summary>
/// The invocation of the Claude Code CLI, run against a stand-in `claude` program that records its
/// arguments and environment. (The real CLI against a fake Messages API is an end-to-end test.)
/// </summary>
public sealed class ClaudeCodeRuntimeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clawclip-claude-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Run_PassesThePromptOnStandardInputWithTheTiersLimitsTheRoleAndANewSession_AndReadsTheJsonResult()
    {
        var claude = StandIn("""{"type":"result","subtype":"success","is_error":false,"result":"wrote it","session_id":"5b0c6f1e","total_cost_usd":0.0421,"num_turns":4}""");
        var request = Request() with { NewSessionId = "5b0c6f1e" };

        var result = await new ClaudeCodeRuntime("sonnet", new ProcessRunner(), Sandbox(), claude).RunAsync(request, CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(0.0421m, result.CostUsd);
        Assert.Equal(4, result.Turns);
        var args = RecordedArguments();
        Assert.Equal(["-p", "--output-format", "json", "--model", "sonnet"], args[..5]);
        Assert.Equal("build the parser", File.ReadAllText(Path.Combine(folder, "stdin")));
        Assert.DoesNotContain("build the parser", args);
        Assert.Equal("40", After(args, "--max-turns"));
        Assert.Equal("3.00", After(args, "--max-budget-usd"));
        Assert.Contains("Bash(dotnet test*)", After(args, "--allowedTools"), StringComparison.Ordinal);
        Assert.Equal("acceptEdits", After(args, "--permission-mode"));
        Assert.Equal("you are a developer", After(args, "--append-system-prompt"));
        Assert.Equal("5b0c6f1e", After(args, "--session-id"));
        Assert.DoesNotContain("--resume", args);
    }

    [Fact]
    public async Task Run_WithASessionToResume_ResumesIt_AndAsksForStructuredOutputWhenGivenASchema()
    {
        var claude = StandIn("""{"is_error":false,"structured_output":{"verdict":"approve"}}""");
        var request = Request() with { ResumeSessionId = "abc-123", JsonSchema = """{"type":"object"}""" };

        var result = await new ClaudeCodeRuntime("sonnet", new ProcessRunner(), Sandbox(), claude).RunAsync(request, CancellationToken.None);

        Assert.Equal("""{"verdict":"approve"}""", result.StructuredOutput);
        var args = RecordedArguments();
        Assert.Equal("abc-123", After(args, "--resume"));
        Assert.Equal("""{"type":"object"}""", After(args, "--json-schema"));
        Assert.DoesNotContain("--session-id", args);
    }

    [Fact]
    public async Task Run_SeesOnlyTheAgentsEnvironment_PlusTheQuietBackgroundSettings_AndItsOwnHomeAndConfigFolder()
    {
        Environment.SetEnvironmentVariable("CLAWCLIP_PERSONS_OTHER_TOKEN", "x");
        var claude = StandIn("""{"is_error":false,"result":"ok"}""");
        var sandbox = Sandbox();

        await new ClaudeCodeRuntime("sonnet", new ProcessRunner(), sandbox, claude).RunAsync(Request(), CancellationToken.None);

        var variables = File.ReadAllLines(Path.Combine(folder, "env")).Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        Assert.Equal(
            ["ANTHROPIC_API_KEY", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "CLAUDE_CONFIG_DIR", "DISABLE_AUTOUPDATER", "DISABLE_TELEMETRY", "HOME", "PATH", "TMPDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"],
            variables.Keys.Where(n => n != "PWD" && n != "SHLVL" && n != "_").Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(sandbox.Home, variables["HOME"]);
        Assert.Equal(Path.Combine(sandbox.Home, ".claude"), variables["CLAUDE_CONFIG_DIR"]);
        Assert.Equal("/tmp", variables["TMPDIR"]);
    }

    [Fact]
    public async Task Run_ThatCannotLogIn_IsAFailure_EvenThoughItsSubtypeSaysSuccess()
    {
        var claude = StandIn("""{"type":"result","subtype":"success","is_error":true,"result":"Invalid API key · Please run /login"}""", exitCode: 1);

        var result = await new ClaudeCodeRuntime("sonnet", new ProcessRunner(), Sandbox(), claude).RunAsync(Request(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("Invalid API key", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenTheCliIsNotInstalled_SaysHowToInstallIt()
    {
        var result = await new ClaudeCodeRuntime("sonnet", new ProcessRunner(), Sandbox(), Path.Combine(folder, "no-claude-here")).RunAsync(Request(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("npm install -g @anthropic-ai/claude-code", result.Failure, StringComparison.Ordinal);
    }

    // The agent's home beside its working folder, both deleted with it.
    private AgentSandbox Sandbox() => new(Path.Combine(folder, ".home"));

    [Fact]
    public async Task Run_WithoutASandboxOnTheMachine_SaysSoAndHowToGetOne_NotHowToInstallTheCli()
    {
        var claude = StandIn("""{"is_error":false,"result":"ok"}""");
        var missing = new MissingSandbox("bubblewrap (bwrap) is not installed", "install it: `apt-get install bubblewrap`");

        var result = await new ClaudeCodeRuntime("sonnet", new ProcessRunner(missing), Sandbox(), claude).RunAsync(Request(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("it must run in a sandbox and bubblewrap (bwrap) is not installed; install it: `apt-get install bubblewrap`", result.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain("npm install", result.Failure, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "args")), "the CLI ran unconfined");
    }

    private static string After(string[] args, string flag) => args[Array.IndexOf(args, flag) + 1];

    /// <summary>A `claude` that writes its arguments (NUL-separated), standard input and environment to files, then prints <paramref name="result"/>.</summary>
    private string StandIn(string result, int exitCode = 0)
    {
        var path = Path.Combine(folder, "claude");
        File.WriteAllText(path, $"""
            #!/bin/sh
            for a in "$@"; do printf '%s\0' "$a"; done > "{folder}/args"
            cat > "{folder}/stdin"
            env > "{folder}/env"
            cat <<'JSON'
            {result}
            JSON
            exit {exitCode}
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows()) // claw.clip runs on Linux and macOS; the stand-in is a shell script
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private string[] RecordedArguments() => File.ReadAllText(Path.Combine(folder, "args")).Split('\0')[..^1];

    private AgentRunRequest Request() => new(
        AgentId.Parse("dev-1"),
        "build the parser",
        "you are a developer",
        folder,
        new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["ANTHROPIC_API_KEY"] = "sk-test" },
        TierPolicy.For(Tier.Junior),
        TimeSpan.FromSeconds(30));
}
