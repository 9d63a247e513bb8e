using System.Diagnostics;
using ClawClip.Core.Agents;
using ClawClip.Processes;

namespace ClawClip.Agents.Tests;

/// <summary>The command runtime against real scripted agents (/bin/sh), in a real folder.</summary>
[Collection(LargeOutputs)]
public sealed class CommandRuntimeTests : IDisposable
{
    /// <summary>The tests that print megabytes: one at a time, since one of them measures what the process allocates.</summary>
    public const string LargeOutputs = "large agent outputs";

    private readonly string worktree = Directory.CreateTempSubdirectory("clawclip-runtime-").FullName;

    public void Dispose() => Directory.Delete(worktree, recursive: true);

    [Fact]
    public async Task ASuccessfulAgent_ReportsItsResultCostTurnsAndSession()
    {
        var result = await RunAsync("""cat >/dev/null; echo '{"type":"result","is_error":false,"result":"done","session_id":"s-1","total_cost_usd":0.12,"num_turns":3}'""");

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal("done", result.Result);
        Assert.Equal("s-1", result.SessionId);
        Assert.Equal(0.12m, result.CostUsd);
        Assert.Equal(3, result.Turns);
        Assert.Equal(0, result.Tokens);
    }

    [Fact]
    public async Task TheTokensOfARun_AreItsUsagesInputOutputAndCacheTokensAddedUp()
    {
        var result = await RunAsync("""cat >/dev/null; echo '{"is_error":false,"result":"done","total_cost_usd":0.12,"num_turns":3,"usage":{"input_tokens":1200,"cache_creation_input_tokens":300,"cache_read_input_tokens":4000,"output_tokens":80,"server_tool_use":{"web_search_requests":0},"service_tier":"standard"}}'""");

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(1200 + 300 + 4000 + 80, result.Tokens);
    }

    [Fact]
    public async Task AFailedRun_StillReportsTheTokensItUsed_AndAUsageItCannotReadCountsNothing()
    {
        var failed = await RunAsync("""cat >/dev/null; echo '{"is_error":true,"subtype":"error_max_budget_usd","total_cost_usd":1.0,"usage":{"input_tokens":10,"output_tokens":5}}'; exit 1""");
        var odd = await RunAsync("""cat >/dev/null; echo '{"is_error":false,"result":"ok","usage":{"input_tokens":"many","output_tokens":-3,"cache_read_input_tokens":7}}'""");

        Assert.False(failed.Succeeded);
        Assert.Equal(15, failed.Tokens);
        Assert.True(odd.Succeeded, odd.Failure);
        Assert.Equal(7, odd.Tokens);
    }

    [Fact]
    public async Task TheRequest_ArrivesOnStdin_AndTheAgentRunsInTheWorktree()
    {
        var result = await RunAsync("""read -r line; printf '{"is_error":false,"result":"%s","structured_output":{"cwd":"%s"}}' "$(printf '%s' "$line" | grep -o '"prompt":"[^"]*"' | cut -d'"' -f4)" "$(pwd)" """);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal("build the parser", result.Result);
        Assert.Contains(worktree, result.StructuredOutput!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAgent_SeesOnlyTheEnvironmentItIsGiven()
    {
        Environment.SetEnvironmentVariable("CLAWCLIP_PERSONS_SECRET", "hunter2");
        var result = await RunAsync("""cat >/dev/null; printf '{"is_error":false,"result":"%s"}' "$(env | cut -d= -f1 | sort | tr '\n' ' ')" """);

        Assert.True(result.Succeeded, result.Failure);
        Assert.DoesNotContain("CLAWCLIP_PERSONS_SECRET", result.Result, StringComparison.Ordinal);
        Assert.Contains("ALLOWED_TOKEN", result.Result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""cat >/dev/null; echo '{"is_error":true,"subtype":"success","result":"not logged in"}'""", "reported an error (success: not logged in)")]
    [InlineData("""cat >/dev/null; echo '{"is_error":false,"result":"fine"}'; exit 1""", "exit code 1")]
    [InlineData("""cat >/dev/null; echo 'I did it! Everything works.'""", "not the result JSON")]
    [InlineData("""cat >/dev/null; echo '[1,2]'""", "expected a JSON object")]
    [InlineData("""cat >/dev/null; echo '{"result":"no flag"}'""", "did not say is_error: false")]
    [InlineData("""cat >/dev/null; echo '{"is_error":true,"subtype":"error_max_turns","errors":["Reached maximum number of turns (1)"]}'; exit 1""", "ran out of turns (--max-turns) (error_max_turns: Reached maximum number of turns (1))")]
    [InlineData("""cat >/dev/null; echo '{"is_error":true,"subtype":"error_max_budget_usd"}'; exit 1""", "ran out of budget (--max-budget-usd)")]
    [InlineData("""cat >/dev/null; echo '{"is_error":true,"subtype":"success","api_error_status":529,"result":"API Error: 529 Overloaded"}'; exit 1""", "the model's API failed with HTTP 529 (API Error: 529 Overloaded)")]
    public async Task AFailedOrGarbledRun_IsAFailureWithAClearReason_NotACrash(string script, string reason)
    {
        var result = await RunAsync(script);

        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentThatPrintsFiftyMegabytes_IsAFailure_AndItsOutputIsNotKept()
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var result = await RunAsync("cat >/dev/null; head -c 52428800 /dev/zero | tr '\\0' 'x'");

        Assert.False(result.Succeeded);
        Assert.Contains("printed 50 MB", result.Failure, StringComparison.Ordinal);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 40L * 1024 * 1024, "the runtime should not hold the whole output");
    }

    [Fact]
    public async Task AnAgentThatHangs_IsKilledAtItsTimeout_WithTheProcessesItStarted()
    {
        // In its sandbox the child's pid is its PID namespace's; it is found here by its unique arguments instead.
        var sleep = AgentProcesses.UniqueSleep();
        var started = Stopwatch.GetTimestamp();

        var result = await RunAsync($"{sleep} & touch started; wait", TimeSpan.FromSeconds(1));

        Assert.False(result.Succeeded);
        Assert.Contains("timed out after 1 s", result.Failure, StringComparison.Ordinal);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60));
        Assert.True(File.Exists(Path.Combine(worktree, "started")), "the agent never started its child");
        await AgentProcesses.AssertGoneAsync(sleep);
    }

    [Fact]
    public async Task AProgramThatDoesNotExist_IsAFailureNamingIt()
    {
        var runtime = new CommandRuntime("/no/such/agent-cli", [], new ProcessRunner(), Sandbox());

        var result = await runtime.RunAsync(Request(TimeSpan.FromSeconds(10)), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("/no/such/agent-cli", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentAskedForASchema_ThatAnswersWithoutStructuredOutput_IsAFailureSayingSo()
    {
        var result = await RunAsync("""cat >/dev/null; echo '{"is_error":false,"result":"Looks good to me."}'""", jsonSchema: """{"type":"object"}""");

        Assert.False(result.Succeeded);
        Assert.Contains("no structured_output", result.Failure, StringComparison.Ordinal);
        Assert.Contains("Looks good to me.", result.Failure, StringComparison.Ordinal);
    }

    private Task<AgentRunResult> RunAsync(string script, TimeSpan? timeout = null, string? jsonSchema = null) =>
        new CommandRuntime("/bin/sh", ["-c", script], new ProcessRunner(), Sandbox(), maxOutputBytes: 1024 * 1024)
            .RunAsync(Request(timeout ?? TimeSpan.FromSeconds(30)) with { JsonSchema = jsonSchema }, CancellationToken.None);

    private AgentSandbox Sandbox() => new(Path.Combine(worktree, ".home"));

    private AgentRunRequest Request(TimeSpan timeout) => new(
        AgentId.Parse("dev-1"),
        "build the parser",
        "you are a developer",
        worktree,
        new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["ALLOWED_TOKEN"] = "t" },
        TierPolicy.For(Tier.Intern),
        timeout);
}
