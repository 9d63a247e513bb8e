using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.FakeModel;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// <c>clawclip run --once</c> with both agents on the real Claude Code CLI (pinned in tests/claude-code), against a
/// scripted fake of the Messages API on 127.0.0.1. The CLI runs the tools the fake asks for: the dev session writes
/// and commits in its clone with Claude Code's own Write and Bash tools; the reviewer answers through
/// <c>--json-schema</c>'s structured output.
/// </summary>
public sealed class ClaudeCodePipelineTests : IAsyncLifetime
{
    private static readonly string[] AgentVariables = ["ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "CLAUDE_CONFIG_DIR", "CLAUDE_CODE_MAX_RETRIES"];
    private readonly string home = Directory.CreateTempSubdirectory("clawclip-claude-home-").FullName;
    private ScriptedTeam team = null!;

    public async Task InitializeAsync()
    {
        team = await ScriptedTeam.CreateAsync();
        team.UseClaudeCode(AgentVariables);
    }

    public Task DisposeAsync()
    {
        team.Dispose();
        Directory.Delete(home, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_WithClaudeCode_DevCommitsInItsWorktree_QaRevisesThenApproves_AndTheWorkLands()
    {
        var id = await team.SubmitAsync("Write the answer", "--spec", "answer.txt holds 42");
        var answer = Path.Combine(team.Repository.CloneOf(id), "answer.txt");
        var reviews = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var model = await FakeModelServer.StartAsync(request =>
        {
            if (request.HasTool("StructuredOutput"))
            {
                // The reviewer: the first review session asks for a revision, any later one approves.
                var review = reviews.GetOrAdd(request.SessionId ?? "?", _ => reviews.Count + 1);
                return FakeModelReply.ToolUse("StructuredOutput", review == 1
                    ? """{"verdict":"revise","summary":"off by one","comments":[{"file":"answer.txt","line":1,"comment":"the answer is 42, not 41"}]}"""
                    : """{"verdict":"approve","summary":"42 it is","comments":[]}""");
            }

            // The dev, step by step after each prompt claw.clip sends: write, stage, commit, report.
            var prompt = LastIndex(request.Messages, m => m.Role == "user" && m.Text.Contains($"# {id}:", StringComparison.Ordinal));
            var revising = request.Messages[prompt].Text.Contains("the answer is 42, not 41", StringComparison.Ordinal);
            return request.Messages.Skip(prompt + 1).Count(m => m.Role == "assistant") switch
            {
                0 => FakeModelReply.ToolUse("Write", new JsonObject { ["file_path"] = answer, ["content"] = revising ? "42\n" : "41\n" }),
                1 => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git add answer.txt", ["description"] = "Stage it" }),
                2 => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = $"git commit -m '{(revising ? "Fix the answer" : "Write the answer")}'", ["description"] = "Commit it" }),
                _ => FakeModelReply.Text(revising ? "Fixed: answer.txt says 42." : "Wrote answer.txt."),
            };
        });

        await team.RunOnceAsync(Environment(model));
        await team.ClawclipAsync("approve", id);
        await team.RunOnceAsync(Environment(model));

        var story = await team.StoryAsync(id);
        var task = await team.ShowAsync(id);
        Assert.True(task.GetProperty("task").GetProperty("status").GetString() == "done", $"{story}\n{string.Join('\n', model.MainRequests.TakeLast(3))}");
        Assert.True(team.Repository.Git("ls-tree", "--name-only", "main").Contains("answer.txt", StringComparison.Ordinal), string.Join('\n', model.MainRequests.SelectMany(r => r.ToolResults).Select(t => t.ToString())));
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));
        Assert.Equal(["Fix the answer", "Write the answer"], team.Repository.Git("log", "--format=%s", "-2", "main").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("dev-1 (claw.clip agent)", team.Repository.Git("log", "-1", "--format=%an", "main").Trim());

        // Cost and turns from the CLI's JSON are on the task, and the dev's second run resumed its session.
        var devSteps = task.GetProperty("history").EnumerateArray().Where(e => e.GetProperty("policy").GetString() == "dev.checks-passed").ToList();
        Assert.Equal(2, devSteps.Count);
        Assert.All(devSteps, e => Assert.True(e.GetProperty("cost_usd").GetDecimal() > 0m, e.ToString()));
        Assert.All(devSteps, e => Assert.True(e.GetProperty("turns").GetInt32() >= 1, e.ToString()));
        Assert.Equal(devSteps[0].GetProperty("session").GetString(), devSteps[1].GetProperty("session").GetString());
        Assert.Equal(2, reviews.Count);
    }

    [Fact]
    public async Task RunOnce_WhenTheModelsApiRefusesTheRequest_TheTaskGoesBackThenFails_AndNothingIsMerged()
    {
        // A 400 is the request's fault, not an outage (a 500 is ridden out instead: OutageTests).
        var id = await team.SubmitAsync("Write the answer", "--max-attempts", "2");
        await using var model = await FakeModelServer.StartAsync(_ => FakeModelReply.Error(400, "the fake model refuses this request"));
        var mainBefore = team.Repository.Git("rev-parse", "main").Trim();

        await team.RunOnceAsync(Environment(model));

        var history = (await team.ShowAsync(id)).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["dev.run-failed.retry", "dev.run-failed.attempts-used"], history.Select(e => e.GetProperty("policy").GetString()).Where(p => p!.StartsWith("dev.run-failed", StringComparison.Ordinal)));
        Assert.Contains("HTTP 400", history[^1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", history[^1].GetProperty("to").GetString());
        Assert.Equal(mainBefore, team.Repository.Git("rev-parse", "main").Trim());
    }

    [Fact]
    public async Task RunOnce_WhenTheDevRunsOutOfTurns_TheFailureSaysSo()
    {
        var id = await team.SubmitAsync("Write the answer", "--max-attempts", "1");
        await using var model = await FakeModelServer.StartAsync(
            _ => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git status", ["description"] = "Look again" }));

        await team.RunOnceAsync(Environment(model));

        var last = (await team.ShowAsync(id)).GetProperty("history").EnumerateArray().Last();
        Assert.Equal("failed", last.GetProperty("to").GetString());
        Assert.Contains("ran out of turns (--max-turns)", last.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private Dictionary<string, string> Environment(FakeModelServer model)
    {
        var offline = ClaudeCodeCli.OfflineEnvironment(model.BaseAddress, home);
        var environment = AgentVariables.ToDictionary(name => name, name => offline[name], StringComparer.Ordinal);
        environment["CLAWCLIP_CLAUDE"] = ClaudeCodeCli.RequirePath();
        return environment;
    }

    private static int LastIndex(IReadOnlyList<FakeModelMessage> messages, Func<FakeModelMessage, bool> match)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (match(messages[i]))
            {
                return i;
            }
        }

        throw new InvalidOperationException("no prompt from claw.clip in the conversation");
    }
}
