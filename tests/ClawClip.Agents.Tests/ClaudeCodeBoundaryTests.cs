using System.Text.Json.Nodes;
using ClawClip.Core.Agents;
using ClawClip.FakeModel;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Agents.Tests;

/// <summary>
/// Issue 10's git and file moves issued by the real Claude Code CLI (tests/claude-code) as Bash tool calls that a fake
/// model scripts, through <see cref="ClaudeCodeRuntime"/> exactly as claw.clip runs it. In this machine's sandbox, the
/// repository, <c>state/</c>, the person's home and the other task's clone hash the same afterwards and no canary
/// reaches the model or the CLI's output; unconfined, the same calls break out, so the tests can fail. And a session
/// whose run was killed half-way resumes inside the sandbox in the next run.
/// </summary>
public sealed class ClaudeCodeBoundaryTests
{
    // Every Bash command and file tool: an allowlist is no boundary (protocols.md), so it is opened here and only the
    // sandbox stands in the way.
    private static readonly TierPolicy AnyCommand = TierPolicy.For(Tier.Principal) with { AllowedTools = ["Bash", "Read", "Write", "Edit"] };

    [Fact]
    public async Task GitMovesOnTheRepositorysRefsLineageAndHooks_LeaveThemAsTheyWere()
    {
        IReadOnlyList<BoundaryMove> Moves(BoundaryScene scene) =>
            [.. BoundaryMoves.OnTheRepositorysRefs(scene), .. BoundaryMoves.OnTheLineage(scene), .. BoundaryMoves.OnTheRepositorysHooks(scene)];

        var loose = await AttemptAsync(Unconfined.Instance, Moves);
        Assert.True(loose.Changes.Length > 0, $"unconfined, no move changed anything, so this test could not fail:\n{loose.Output}");

        var confined = await AttemptAsync(Sandboxes.ForThisMachine(), Moves);

        confined.AssertRanAndChangedNothing();
        Assert.Empty(confined.Leaked);
    }

    [Fact]
    public async Task FileMovesOnTrustedFilesAndSecrets_ChangeNothing_AndShowTheModelNoCanary()
    {
        IReadOnlyList<BoundaryMove> Moves(BoundaryScene scene) => [.. BoundaryMoves.OnTrustedFiles(scene), .. BoundaryMoves.OnSecrets(scene)];

        var loose = await AttemptAsync(Unconfined.Instance, Moves);
        Assert.True(loose.Changes.Length > 0, $"unconfined, no move changed anything, so this test could not fail:\n{loose.Output}");
        Assert.NotEmpty(loose.Leaked);

        var confined = await AttemptAsync(Sandboxes.ForThisMachine(), Moves);

        confined.AssertRanAndChangedNothing();
        Assert.Empty(confined.Leaked);
    }

    [Fact]
    public async Task ASessionWhoseRunWasKilledHalfWay_ResumesInTheNextRun_InsideTheSandbox()
    {
        using var scene = await BoundaryScene.CreateAsync();
        var sleep = AgentProcesses.UniqueSleep();
        await using var model = await FakeModelServer.StartAsync(request => request.LastUserText.Contains("second prompt", StringComparison.Ordinal)
            ? FakeModelReply.Text("second answer: you were sleeping")
            : FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = $"touch started-by-run-1 && {sleep}", ["description"] = "Work for a long time" }));
        var session = Guid.NewGuid().ToString();
        var runtime = new ClaudeCodeRuntime("sonnet", new ProcessRunner(Sandboxes.ForThisMachine()), scene.Sandbox(), ClaudeCodeCli.RequirePath());
        var environment = ClaudeCodeCli.OfflineEnvironment(model.BaseAddress, scene.PersonHome);
        var personsHome = scene.Fingerprint().Where(p => p.Key.StartsWith(scene.PersonHome, StringComparison.Ordinal)).ToArray();

        // Run 1 is killed (as the daemon's stop or a crash would) while its Bash call runs.
        using (var stop = new CancellationTokenSource())
        {
            var first = runtime.RunAsync(scene.Request(environment, AnyCommand) with { Prompt = "first prompt: remember the word pelican", NewSessionId = session }, stop.Token);
            var waiting = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(Path.Combine(scene.Clone, "started-by-run-1")) && !first.IsCompleted)
            {
                Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(60), "run 1 never started its Bash call");
                await Task.Delay(50);
            }

            if (first.IsCompleted)
            {
                Assert.Fail($"run 1 ended by itself: {(await first).Failure}");
            }

            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }

        await AgentProcesses.AssertGoneAsync(sleep);
        var firstRunRequests = model.MainRequests.Count;

        var second = await runtime.RunAsync(scene.Request(environment, AnyCommand) with { Prompt = "second prompt: what were you doing?", ResumeSessionId = session }, CancellationToken.None);

        Assert.True(second.Succeeded, second.Failure);
        Assert.Equal("second answer: you were sleeping", second.Result);
        Assert.Equal(session, second.SessionId);
        // The CLI resumes from what run 1 saved before it was killed (the interrupted Bash call itself it leaves out).
        var conversation = model.MainRequests[firstRunRequests].Messages;
        Assert.Contains(conversation, m => m.Role == "user" && m.Text.Contains("first prompt: remember the word pelican", StringComparison.Ordinal));
        Assert.True(
            Directory.EnumerateFiles(Path.Combine(scene.AgentHome, ".claude"), session + ".jsonl", SearchOption.AllDirectories).Any(),
            "the session is not kept in the agent's own home");
        Assert.Equal(personsHome, scene.Fingerprint().Where(p => p.Key.StartsWith(scene.PersonHome, StringComparison.Ordinal)).ToArray());
    }

    /// <summary>
    /// The moves as one Bash call each, after a first call that writes in the clone (proof that the tools ran), in a
    /// fresh scene, through <paramref name="sandbox"/>: what changed, what the CLI printed and what the model was shown.
    /// </summary>
    private static async Task<Attempt> AttemptAsync(ISandbox sandbox, Func<BoundaryScene, IReadOnlyList<BoundaryMove>> moves)
    {
        using var scene = await BoundaryScene.CreateAsync();
        IReadOnlyList<BoundaryMove> calls = [new("write in its own clone", "echo ran > ran-by-agent.txt"), .. moves(scene)];
        await using var model = await FakeModelServer.StartAsync(request => request.AssistantMessageCount < calls.Count
            ? FakeModelReply.ToolUse("Bash", new JsonObject
            {
                ["command"] = $"( {calls[request.AssistantMessageCount].Command} ) 2>&1 && echo {BoundaryMoves.Quote("moved: " + calls[request.AssistantMessageCount].Name)} || echo {BoundaryMoves.Quote("refused: " + calls[request.AssistantMessageCount].Name)}",
                ["description"] = calls[request.AssistantMessageCount].Name,
            })
            : FakeModelReply.Text("Tried every move."));
        var before = scene.Fingerprint();
        var runner = new RecordingRunner(new ProcessRunner(sandbox));
        var runtime = new ClaudeCodeRuntime("sonnet", runner, scene.Sandbox(), ClaudeCodeCli.RequirePath());

        var result = await runtime.RunAsync(scene.Request(ClaudeCodeCli.OfflineEnvironment(model.BaseAddress, scene.PersonHome), AnyCommand), CancellationToken.None);

        // The last request carries the whole conversation: every tool result the model was shown.
        var shown = model.MainRequests is [.., var last] ? string.Join('\n', last.ToolResults.Select(t => t.ToString())) : string.Empty;
        var output = runner.Output + "\nshown to the model:\n" + shown;
        return new Attempt(
            result,
            output,
            BoundaryScene.Changes(before, scene.Fingerprint()),
            File.Exists(Path.Combine(scene.Clone, "ran-by-agent.txt")) && model.MainRequests.Count > calls.Count,
            [.. scene.Canaries.Where(c => output.Contains(c, StringComparison.Ordinal))]);
    }

    /// <summary>How one run went: its result, what it printed and showed the model, what changed outside its clone, whether every call was made, which canaries leaked.</summary>
    private sealed record Attempt(AgentRunResult Result, string Output, string Changes, bool Ran, IReadOnlyList<string> Leaked)
    {
        public void AssertRanAndChangedNothing()
        {
            Assert.True(Result.Succeeded && Ran, $"the CLI did not make every call: {Result.Failure}\n{Output}");
            Assert.True(Changes.Length == 0, $"confined, the CLI changed:\n{Changes}\n{Output}");
        }
    }
}
