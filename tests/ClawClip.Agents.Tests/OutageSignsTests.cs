using ClawClip.Core.Agents;
using ClawClip.Processes;

namespace ClawClip.Agents.Tests;

/// <summary>
/// Which failed runs are the model API's fault, read from the result JSON real scripted agents (/bin/sh) print: the
/// shapes Claude Code 2.1.197 prints against a failing API (checked by hand against the fake server, and in
/// <see cref="ClaudeCodeCliTests"/>), and the <c>command</c> runtime's own <c>failure_kind</c>.
/// </summary>
public sealed class OutageSignsTests : IDisposable
{
    private readonly string worktree = Directory.CreateTempSubdirectory("clawclip-outage-signs-").FullName;

    public void Dispose() => Directory.Delete(worktree, recursive: true);

    [Theory]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":500,"result":"API Error: 500 fake down. This is a server-side issue","terminal_reason":"completed"}""")]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":529,"result":"API Error: 529 overloaded","terminal_reason":"completed"}""")]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":429,"result":"API Error: Request rejected (429) · slow down","terminal_reason":"completed"}""")]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":null,"result":"API Error: Unable to connect to API (ConnectionRefused)","terminal_reason":"completed"}""")]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":null,"result":"Request timed out","terminal_reason":"completed"}""")]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"result":"the run ended","terminal_reason":"api_error"}""")]
    [InlineData("""{"type":"result","subtype":"error_during_execution","is_error":true,"errors":["Connection error."]}""")]
    [InlineData("""{"is_error":true,"result":"gateway said no","failure_kind":"outage"}""")]
    public async Task AFailureOfTheModelsApi_IsAnOutage_NotTheAgents(string json)
    {
        var result = await RunAsync($"cat >/dev/null; echo '{json}'; exit 1");

        Assert.False(result.Succeeded);
        Assert.True(result.IsOutage, result.Failure);
        Assert.Equal(AgentFailureKind.Outage, result.FailureKind);
    }

    [Theory]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":400,"result":"API Error: 400 prompt is too long","terminal_reason":"completed"}""")]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":401,"result":"Failed to authenticate. API Error: 401 invalid key","terminal_reason":"completed"}""")]
    [InlineData("""{"type":"result","subtype":"error_max_turns","is_error":true,"result":"I kept going"}""")]
    [InlineData("""{"is_error":true,"result":"my build failed: the server was overloaded with my tests"}""")]
    [InlineData("""{"is_error":true,"result":"API Error: 500 upstream","failure_kind":"agent"}""")]
    public async Task AFailureOfTheAgentsOwn_OrARequestTheApiRefuses_IsNoOutage(string json)
    {
        var result = await RunAsync($"cat >/dev/null; echo '{json}'; exit 1");

        Assert.False(result.Succeeded);
        Assert.False(result.IsOutage, result.Failure);
    }

    [Fact]
    public async Task ACommandAgent_MaySayHowLongTheApiAskedToWait()
    {
        var result = await RunAsync("""cat >/dev/null; echo '{"is_error":true,"result":"HTTP 429 from the gateway","failure_kind":"outage","retry_after_seconds":42.5}'; exit 1""");

        Assert.True(result.IsOutage, result.Failure);
        Assert.Equal(TimeSpan.FromSeconds(42.5), result.RetryAfter);
    }

    [Fact]
    public async Task ARunKilledAtItsTimeout_IsTheAgentsFailure_NotAnOutage()
    {
        var result = await RunAsync("cat >/dev/null; sleep 30", TimeSpan.FromMilliseconds(300));

        Assert.False(result.Succeeded);
        Assert.False(result.IsOutage, result.Failure);
    }

    [Fact]
    public async Task ASuccessfulRun_IsNeverAnOutage_WhateverItsTextSays()
    {
        var result = await RunAsync("""cat >/dev/null; echo '{"is_error":false,"result":"API Error: 500 is what the old code did","failure_kind":"outage"}'""");

        Assert.True(result.Succeeded, result.Failure);
        Assert.False(result.IsOutage);
    }

    private Task<AgentRunResult> RunAsync(string script, TimeSpan? timeout = null)
    {
        var runtime = new CommandRuntime("/bin/sh", ["-c", script], new ProcessRunner(), new AgentSandbox(Path.Combine(worktree, ".home")));
        var request = new AgentRunRequest(AgentId.Parse("dev-1"), "build the parser", "rules", worktree, new Dictionary<string, string>(), TierPolicy.For(Tier.Intern), timeout ?? TimeSpan.FromSeconds(20));
        return runtime.RunAsync(request, CancellationToken.None);
    }
}
