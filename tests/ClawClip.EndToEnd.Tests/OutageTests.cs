using System.Text.Json;
using System.Text.Json.Nodes;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.FakeModel;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// <c>clawclip run --once</c> through a model API outage. With the real Claude Code CLI (pinned in tests/claude-code):
/// the fake Messages API answers the dev's conversation with HTTP 500 for a while, then works; claw.clip must ride it
/// out — backoff (small real delays from <c>outages:</c> in <c>clawclip.yaml</c>), a pause, a probe, a resume — with
/// the task still its dev's, no attempt used and the dev's trust untouched. With a scripted <c>command</c> agent that
/// says <c>"failure_kind": "outage"</c>: a backoff longer than the lease sends the task back, and it is no new attempt.
/// </summary>
public sealed class OutageTests : IAsyncLifetime
{
    private const int FailingRequests = 4;
    private static readonly string[] AgentVariables = ["ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "CLAUDE_CONFIG_DIR", "CLAUDE_CODE_MAX_RETRIES"];
    private readonly string home = Directory.CreateTempSubdirectory("clawclip-claude-home-").FullName;
    private ScriptedTeam team = null!;

    public async Task InitializeAsync()
    {
        team = await ScriptedTeam.CreateAsync();
        await team.EarnJuniorAsync(); // its approved work lands with no person in the loop
    }

    public Task DisposeAsync()
    {
        team.Dispose();
        Directory.Delete(home, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_ThroughAModelApiOutage_PausesAndResumesTheDev_AndTheTaskLandsWithNoAttemptOrTrustLost()
    {
        team.UseClaudeCode(AgentVariables);
        team.Configure("outages: {backoff_seconds: 0.3, backoff_factor: 2, backoff_cap_seconds: 1, pause_after: 3, jitter: 0}\n", "outages: short backoff for the test");
        var id = await team.SubmitAsync("Write the answer", "--spec", "answer.txt holds 42", "--max-attempts", "1");
        var answer = Path.Combine(team.Repository.CloneOf(id), "answer.txt");
        var trustBefore = Trust();
        var devRequests = 0;
        await using var model = await FakeModelServer.StartAsync(request =>
        {
            if (request.HasTool("StructuredOutput"))
            {
                return FakeModelReply.ToolUse("StructuredOutput", """{"verdict":"approve","summary":"42 it is","comments":[]}""");
            }

            // The outage: the dev's first requests fail as the real API does when it is down; then it answers.
            if (Interlocked.Increment(ref devRequests) <= FailingRequests)
            {
                return FakeModelReply.Error(500, "the fake model is down");
            }

            var prompt = LastIndex(request.Messages, m => m.Role == "user" && m.Text.Contains($"# {id}:", StringComparison.Ordinal));
            return request.Messages.Skip(prompt + 1).Count(m => m.Role == "assistant") switch
            {
                0 => FakeModelReply.ToolUse("Write", new JsonObject { ["file_path"] = answer, ["content"] = "42\n" }),
                1 => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git add answer.txt", ["description"] = "Stage it" }),
                2 => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git commit -m 'Write the answer'", ["description"] = "Commit it" }),
                _ => FakeModelReply.Text("Wrote answer.txt."),
            };
        });

        await team.RunOnceAsync(Environment(model));

        var story = await team.StoryAsync(id);
        var lineage = team.Lineage();
        var why = $"{story}\n--- lineage:\n{string.Join('\n', lineage.Take(20))}";
        var task = await team.ShowAsync(id);
        Assert.True(task.GetProperty("task").GetProperty("status").GetString() == "done", why);
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));

        // No attempt used: one claim, attempt 1 throughout (max-attempts 1 would have failed the task at the first 500).
        var history = task.GetProperty("history").EnumerateArray().ToList();
        Assert.DoesNotContain(history, e => e.GetProperty("policy").GetString()!.StartsWith("dev.run-failed", StringComparison.Ordinal));
        Assert.All(history.Skip(1), e => Assert.Equal(1, e.GetProperty("attempt").GetInt32()));

        // The dev's trust saw one success (the landing) and no failure: the outage is not its doing.
        var trustAfter = Trust();
        Assert.Equal(trustBefore.GetProperty("failures").GetInt32(), trustAfter.GetProperty("failures").GetInt32());
        Assert.Equal(0, trustAfter.GetProperty("failures_in_a_row").GetInt32());
        Assert.Equal(trustBefore.GetProperty("successes").GetInt32() + 1, trustAfter.GetProperty("successes").GetInt32());
        Assert.Equal(trustBefore.GetProperty("successes_in_a_row").GetInt32() + 1, trustAfter.GetProperty("successes_in_a_row").GetInt32());

        // The lineage, oldest first: two retries, the pause at the third failure, the failed probe, then the resume.
        var outage = lineage.Reverse().Where(l => l.StartsWith("clawclip-outage|", StringComparison.Ordinal)).Select(l => l.Split('|')[2]).ToList();
        Assert.True(outage.SequenceEqual(["outage.retry", "outage.retry", "outage.pause", "outage.retry", "outage.resume"]), why);
        Assert.Contains(lineage, l => l.StartsWith("clawclip-outage|dev-1 paused: model API outage|", StringComparison.Ordinal));
        Assert.Contains(lineage, l => l.StartsWith("clawclip-outage|dev-1 resumed: the model's API answers again|", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(team.Root, "state", "outage.json")), "the outage is over: its file goes");
        Assert.Equal(FailingRequests + 4, model.MainRequests.Count(r => !r.HasTool("StructuredOutput")));

        // The session survived the outage: every dev run after the first resumed the one it started.
        var sessions = model.MainRequests.Where(r => !r.HasTool("StructuredOutput")).Select(r => r.SessionId).Distinct().ToList();
        Assert.True(sessions.Count == 1, string.Join(", ", sessions));
    }

    [Fact]
    public async Task RunOnce_WhenACommandAgentSaysOutage_AndTheBackoffOutlastsTheLease_TheTaskGoesBackAsNoNewAttempt_AndAnotherDevLandsIt()
    {
        team.AddDev("dev-2");
        await team.EarnJuniorAsync("dev-2");
        team.Configure("outages: {backoff_seconds: 7200, backoff_cap_seconds: 7200, jitter: 0}\n", "outages: a backoff longer than any lease");
        team.Dev("1", """echo '{"is_error":true,"result":"HTTP 529 from the gateway","failure_kind":"outage","retry_after_seconds":60}'; exit 1""" + "\n");
        var id = await team.SubmitAsync("Write the answer", "--max-attempts", "1");
        var trustBefore = Trust();

        await team.RunOnceAsync();

        var story = await team.StoryAsync(id);
        var task = await team.ShowAsync(id);
        Assert.True(task.GetProperty("task").GetProperty("status").GetString() == "done", story);
        var history = task.GetProperty("history").EnumerateArray().ToList();
        var claims = history.Where(e => e.GetProperty("to").GetString() == "claimed").ToList();
        Assert.Equal(["dev-1", "dev-2"], claims.Select(e => e.GetProperty("actor").GetString()));
        Assert.All(claims, e => Assert.Equal(1, e.GetProperty("attempt").GetInt32())); // max-attempts 1, and it still landed
        var requeue = Assert.Single(history, e => e.GetProperty("policy").GetString() == "outage.requeue");
        Assert.Contains("after the lease ends", requeue.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(team.Lineage(), l => l.StartsWith("clawclip-outage|dev-1: model API outage, 1 in a row|outage.retry", StringComparison.Ordinal));
        Assert.Equal(trustBefore.GetProperty("failures").GetInt32(), Trust().GetProperty("failures").GetInt32());

        // dev-1 still waits out its backoff (not paused: one failure), recorded for a restart to find.
        using var outage = JsonDocument.Parse(team.StateFile("outage.json"));
        var entry = Assert.Single(outage.RootElement.GetProperty("agents").EnumerateArray().ToArray());
        Assert.Equal(("dev-1", 1), (entry.GetProperty("agent").GetString(), entry.GetProperty("consecutive").GetInt32()));
        Assert.True(entry.GetProperty("retry_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(1), entry.ToString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("paused_at").ValueKind);
    }

    [Fact]
    public async Task RunOnce_WhenTheReviewersRunHitsAnOutage_ItIsTriedAgainAfterTheBackoff_WithNoTrustFailureAndNoReviewTryUsed()
    {
        team.Configure("outages: {backoff_seconds: 0.2, backoff_cap_seconds: 0.5, jitter: 0}\n", "outages: short backoff for the test");
        // Two outages: with the review's two tries both used up by them, the old code left the task waiting in review.
        team.Qa("1", """echo '{"is_error":true,"result":"API Error: 503 upstream unavailable"}'; exit 1""" + "\n");
        team.Qa("2", """echo '{"is_error":true,"result":"API Error: 503 upstream unavailable"}'; exit 1""" + "\n");
        var id = await team.SubmitAsync("Write the answer");

        await team.RunOnceAsync();

        var story = await team.StoryAsync(id);
        Assert.True((await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString() == "done", story);
        Assert.Equal(3, team.Requests("qa").Count);
        using var trust = JsonDocument.Parse(team.StateFile("agents/qa-1/trust.json"));
        Assert.Equal(0, trust.RootElement.GetProperty("failures").GetInt32());
        var outage = team.Lineage().Where(l => l.StartsWith("clawclip-outage|", StringComparison.Ordinal)).Select(l => l.Split('|')[2]).Reverse().ToList();
        Assert.Equal(["outage.retry", "outage.retry", "outage.recovered"], outage);
    }

    private JsonElement Trust()
    {
        using var document = JsonDocument.Parse(team.StateFile("agents/dev-1/trust.json"));
        return document.RootElement.Clone();
    }

    private Dictionary<string, string> Environment(FakeModelServer model)
    {
        var offline = ClaudeCodeCli.OfflineEnvironment(model.BaseAddress, home);
        var environment = AgentVariables.ToDictionary(name => name, name => offline[name], StringComparer.Ordinal);
        environment["CLAUDE_CODE_MAX_RETRIES"] = "0"; // claw.clip's backoff, not the CLI's, rides the outage out
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
