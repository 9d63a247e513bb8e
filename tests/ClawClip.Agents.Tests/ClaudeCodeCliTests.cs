using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClawClip.Core.Agents;
using ClawClip.FakeModel;
using ClawClip.Processes;

namespace ClawClip.Agents.Tests;

/// <summary>
/// <see cref="ClaudeCodeRuntime"/> running the real Claude Code CLI (pinned in tests/claude-code) in a real git
/// repository, against a scripted fake of the Messages API on 127.0.0.1. The CLI runs the tools the fake asks for
/// itself: these tests check the invocation the runtime builds, and what the CLI really does with it.
/// </summary>
public sealed class ClaudeCodeCliTests
{
    private const string VerdictSchema = """
        {"type":"object","properties":{
          "verdict":{"type":"string","enum":["approve","revise"]},
          "comments":{"type":"array","items":{"type":"object","properties":{
            "file":{"type":"string"},"line":{"type":"integer"},"comment":{"type":"string"}},
            "required":["file","line","comment"]}}},
         "required":["verdict","comments"]}
        """;

    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_WhenTheModelWritesAFileAndCommitsIt_TheRepositoryHasTheCommit_AndTheResultHasSessionCostAndTurns()
    {
        using var sandbox = await ClaudeCodeSandbox.CreateAsync();
        var file = Path.Combine(sandbox.Repository, "hello.txt");
        await using var model = await FakeModelServer.StartAsync(request => request.AssistantMessageCount switch
        {
            0 => FakeModelReply.ToolUse("Write", new JsonObject { ["file_path"] = file, ["content"] = "hello\n" }),
            1 => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git add hello.txt", ["description"] = "Stage the new file" }),
            2 => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git commit -m 'Add hello.txt'", ["description"] = "Commit it" }),
            _ => FakeModelReply.Text("Committed hello.txt."),
        });
        var session = Guid.NewGuid().ToString();

        // The intern's tools, the narrowest tier's: Write, and Bash only for git status, diff, add and commit.
        var request = sandbox.Request(model, "Add hello.txt and commit it.", TierPolicy.For(Tier.Intern)) with { NewSessionId = session };
        var result = await sandbox.Runtime().RunAsync(request, CancellationToken.None);

        Assert.True(result.Succeeded, Explain(result, model));
        Assert.Equal("Committed hello.txt.", result.Result);
        Assert.Equal(session, result.SessionId);
        Assert.True(result.CostUsd > 0m, $"cost {result.CostUsd}");
        Assert.True(result.Turns >= 1, $"turns {result.Turns}");
        Assert.True(result.Tokens > 0, $"tokens {result.Tokens}: the CLI's usage, from what the fake model reported");
        Assert.All(model.MainRequests.SelectMany(r => r.ToolResults), toolResult => Assert.False(toolResult.IsError, toolResult.ToString()));
        Assert.Equal("Add hello.txt", (await sandbox.GitAsync("log", "-1", "--format=%s")).Trim());
        Assert.Equal("hello\n", await sandbox.GitAsync("show", "HEAD:hello.txt"));
        Assert.Equal(string.Empty, await sandbox.GitAsync("status", "--porcelain"));
        Assert.All(model.MainRequests, r => Assert.Equal(session, r.SessionId));
    }

    [Fact]
    public async Task Run_WhenTheModelsApiFails_IsAnOutageNamingTheHttpError_AfterTwoRetriesInSeconds()
    {
        using var sandbox = await ClaudeCodeSandbox.CreateAsync();
        await using var model = await FakeModelServer.StartAsync(_ => FakeModelReply.Error(500, "the fake model is down"));
        var clock = Stopwatch.StartNew();

        var result = await sandbox.Runtime().RunAsync(sandbox.Request(model, "Say hello.", TierPolicy.For(Tier.Intern)), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.True(result.IsOutage, $"an HTTP 500 is the API's failure, not the agent's: {result.Failure}");
        Assert.Contains("the model's API failed with HTTP 500", result.Failure, StringComparison.Ordinal);
        Assert.Contains("the fake model is down", result.Failure, StringComparison.Ordinal);
        Assert.Equal(3, model.MainRequests.Count); // the first try and CLAUDE_CODE_MAX_RETRIES=2
        Assert.True(clock.Elapsed < Quickly, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_WhenTheModelsApiCannotBeReached_IsAnOutage_AndARequestItRefuses_IsNot()
    {
        using var sandbox = await ClaudeCodeSandbox.CreateAsync();
        await using var refusing = await FakeModelServer.StartAsync(_ => FakeModelReply.Error(400, "the fake model refuses this request"));
        var gone = await FakeModelServer.StartAsync(_ => FakeModelReply.Text("never asked"));
        var address = gone.BaseAddress;
        await gone.DisposeAsync(); // nothing listens on its port any more: the connection is refused

        var unreachable = await sandbox.Runtime().RunAsync(sandbox.Request(gone, "Say hello.", TierPolicy.For(Tier.Intern)), CancellationToken.None);
        var refused = await sandbox.Runtime().RunAsync(sandbox.Request(refusing, "Say hello.", TierPolicy.For(Tier.Intern)), CancellationToken.None);

        Assert.True(unreachable.IsOutage, $"{address}: {unreachable.Failure}");
        Assert.False(refused.Succeeded);
        Assert.False(refused.IsOutage, refused.Failure);
        Assert.Contains("HTTP 400", refused.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenTheModelKeepsCallingToolsPastMaxTurns_IsAFailureSayingItRanOutOfTurns()
    {
        using var sandbox = await ClaudeCodeSandbox.CreateAsync();
        await using var model = await FakeModelServer.StartAsync(
            _ => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git status", ["description"] = "Look again" }));

        var policy = TierPolicy.For(Tier.Intern) with { MaxTurns = 1 };
        var result = await sandbox.Runtime().RunAsync(sandbox.Request(model, "Look around.", policy), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("ran out of turns (--max-turns)", result.Failure, StringComparison.Ordinal);
        Assert.Contains("error_max_turns", result.Failure, StringComparison.Ordinal);
        Assert.Single(model.MainRequests);
        Assert.True(result.CostUsd > 0m, "the turn it did take was paid for");
    }

    [Fact]
    public async Task Run_WithAJsonSchema_OffersTheModelAStructuredOutputToolWithIt_AndReturnsWhatTheModelPassedToIt()
    {
        using var sandbox = await ClaudeCodeSandbox.CreateAsync();
        await using var model = await FakeModelServer.StartAsync(request => request.HasTool("StructuredOutput")
            ? FakeModelReply.ToolUse("StructuredOutput", """{"verdict":"revise","comments":[{"file":"src/Parser.cs","line":12,"comment":"Handle an empty input."}]}""")
            : FakeModelReply.Text("No StructuredOutput tool was offered."));

        var request = sandbox.Request(model, "Review the change.", TierPolicy.For(Tier.Intern)) with { JsonSchema = VerdictSchema };
        var result = await sandbox.Runtime().RunAsync(request, CancellationToken.None);

        Assert.True(result.Succeeded, Explain(result, model));
        using var verdict = JsonDocument.Parse(result.StructuredOutput!);
        Assert.Equal("revise", verdict.RootElement.GetProperty("verdict").GetString());
        var comment = Assert.Single(verdict.RootElement.GetProperty("comments").EnumerateArray().ToArray());
        Assert.Equal("src/Parser.cs", comment.GetProperty("file").GetString());
        Assert.Equal(12, comment.GetProperty("line").GetInt32());
        var tool = model.MainRequests[0].Tools.Single(t => t.Name == "StructuredOutput");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(VerdictSchema), JsonNode.Parse(tool.InputSchema.GetRawText())), tool.InputSchema.GetRawText());
    }

    [Fact]
    public async Task Run_WithAJsonSchema_WhenTheModelAnswersOnlyInProse_IsAFailureSayingSo()
    {
        using var sandbox = await ClaudeCodeSandbox.CreateAsync();
        await using var model = await FakeModelServer.StartAsync(_ => FakeModelReply.Text("Looks good to me."));

        var request = sandbox.Request(model, "Review the change.", TierPolicy.For(Tier.Intern)) with { JsonSchema = VerdictSchema };
        var result = await sandbox.Runtime().RunAsync(request, CancellationToken.None);

        // The CLI itself asks once more ("You MUST call the StructuredOutput tool"), then ends with is_error: false.
        Assert.Equal(2, model.MainRequests.Count);
        Assert.False(result.Succeeded);
        Assert.Contains("no structured_output", result.Failure, StringComparison.Ordinal);
        Assert.Contains("Looks good to me.", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ResumingASession_SendsTheModelTheFirstRunsConversationBeforeTheNewPrompt()
    {
        using var sandbox = await ClaudeCodeSandbox.CreateAsync();
        await using var model = await FakeModelServer.StartAsync(request =>
            FakeModelReply.Text(request.LastUserText.Contains("second prompt", StringComparison.Ordinal) ? "second answer" : "first answer: pelican"));
        var session = Guid.NewGuid().ToString();
        var runtime = sandbox.Runtime();

        var first = await runtime.RunAsync(sandbox.Request(model, "first prompt: remember the word pelican", TierPolicy.For(Tier.Intern)) with { NewSessionId = session }, CancellationToken.None);
        Assert.True(first.Succeeded, Explain(first, model));
        var firstRunRequests = model.MainRequests.Count;
        var second = await runtime.RunAsync(sandbox.Request(model, "second prompt: which word?", TierPolicy.For(Tier.Intern)) with { ResumeSessionId = session }, CancellationToken.None);

        Assert.True(second.Succeeded, Explain(second, model));
        Assert.Equal("second answer", second.Result);
        Assert.Equal(session, second.SessionId);
        var resumed = model.MainRequests[firstRunRequests];
        var conversation = resumed.Messages.Where(m => m.Role is "user" or "assistant").Select(m => (m.Role, m.Text)).ToArray();
        Assert.Contains(conversation, m => m.Role == "user" && m.Text.Contains("first prompt: remember the word pelican", StringComparison.Ordinal));
        Assert.Contains(conversation, m => m is ("assistant", "first answer: pelican"));
        Assert.Equal(("user", true), (conversation[^1].Role, conversation[^1].Text.Contains("second prompt: which word?", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_WithAPromptThatStartsWithADashAndIsLargerThanAnArgumentMayBe_SendsTheModelAllOfIt()
    {
        using var sandbox = await ClaudeCodeSandbox.CreateAsync();
        await using var model = await FakeModelServer.StartAsync(_ => FakeModelReply.Text("Read it all."));
        // A Markdown list (as an argument the CLI takes it for an unknown option) over Linux's 128 KiB limit for one argument.
        var prompt = "- first point\n" + string.Concat(Enumerable.Range(0, 4000).Select(i => $"- point {i}: the parser must keep going\n")) + "- last point";
        Assert.True(prompt.Length > 128 * 1024);

        var result = await sandbox.Runtime().RunAsync(sandbox.Request(model, prompt, TierPolicy.For(Tier.Intern)), CancellationToken.None);

        Assert.True(result.Succeeded, Explain(result, model));
        Assert.Contains(prompt, model.MainRequests[0].LastUserText, StringComparison.Ordinal);
    }

    /// <summary>Why a run did not go as scripted: its failure and every request the fake saw.</summary>
    private static string Explain(AgentRunResult result, FakeModelServer model) =>
        $"{result.Failure ?? "(no failure)"}\nresult: {result.Result}\nrequests:\n  "
        + string.Join("\n  ", model.Requests.Select(r => Shorten($"{r} last: {(r.Messages.Count > 0 ? r.Messages[^1] : null)}")));

    private static string Shorten(string line) => line.Length <= 400 ? line : line[..400] + "…";
}
