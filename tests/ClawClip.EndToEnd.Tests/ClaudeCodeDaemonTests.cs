using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.FakeModel;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// From ROADMAP.md to merged code with no human step, with every agent on the real Claude Code CLI (pinned in
/// tests/claude-code) against a scripted fake of the Messages API: <c>clawclip daemon</c> (a real process) has the
/// planner answer a plan through <c>--json-schema</c>'s structured output, the dev write and commit in its clone with
/// Claude Code's own Write and Bash tools, and the reviewer approve; the work lands and the box is ticked on main.
/// </summary>
public sealed partial class ClaudeCodeDaemonTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);
    private static readonly string[] AgentVariables = ["ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "CLAUDE_CONFIG_DIR", "CLAUDE_CODE_MAX_RETRIES"];
    private readonly string home = Directory.CreateTempSubdirectory("clawclip-claude-home-").FullName;
    private ScriptedTeam team = null!;

    public async Task InitializeAsync()
    {
        team = await ScriptedTeam.CreateAsync();
        team.UseClaudeCode(AgentVariables);

        // dev-1's history would have earned it junior: its approved work merges with no person in the loop.
        await team.EarnJuniorAsync();
    }

    public Task DisposeAsync()
    {
        team.Dispose();
        Directory.Delete(home, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Daemon_WithClaudeCode_PlansDevelopsReviewsAndMergesAGoal_AndTicksItsBoxOnMain()
    {
        File.WriteAllText(Path.Combine(team.Root, "ROADMAP.md"), "# Roadmap\n\n- [ ] Write the answer <!-- goal: answer -->\n");
        team.Repository.Git("add", "ROADMAP.md");
        team.Repository.Git("commit", "-q", "-m", "the roadmap");

        var sessions = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await using var model = await FakeModelServer.StartAsync(request =>
        {
            var prompts = string.Join('\n', request.Messages.Where(m => m.Role == "user").Select(m => m.Text));
            if (request.HasTool("StructuredOutput") && prompts.Contains("# Goal G-answer:", StringComparison.Ordinal))
            {
                sessions.TryAdd(request.SessionId ?? "?", "planner");
                return FakeModelReply.ToolUse("StructuredOutput", """
                    {"tasks":[{"key":"answer","title":"Write answer.txt","spec":"answer.txt holds 42","acceptance":["answer.txt says 42"],"estimate_minutes":10}]}
                    """);
            }

            if (request.HasTool("StructuredOutput"))
            {
                sessions.TryAdd(request.SessionId ?? "?", "qa");
                return FakeModelReply.ToolUse("StructuredOutput", """{"verdict":"approve","summary":"42 it is","comments":[]}""");
            }

            // The dev, step by step: write in its clone, stage, commit, report.
            sessions.TryAdd(request.SessionId ?? "?", "dev");
            var id = TaskHeading().Match(prompts) is { Success: true } heading ? heading.Groups[1].Value : throw new InvalidOperationException("no task in the dev's prompt: " + prompts);
            return request.AssistantMessageCount switch
            {
                0 => FakeModelReply.ToolUse("Write", new JsonObject { ["file_path"] = Path.Combine(team.Repository.CloneOf(id), "answer.txt"), ["content"] = "42\n" }),
                1 => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git add answer.txt", ["description"] = "Stage it" }),
                2 => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git commit -m 'Write the answer'", ["description"] = "Commit it" }),
                _ => FakeModelReply.Text("Wrote answer.txt."),
            };
        });

        using var daemon = DaemonProcess.Start(team.Root, Environment(model), "--interval", "30s", "--stop-timeout", "5s", "--run-timeout", "120s", "--check-timeout", "60s");
        await Eventually.TrueAsync(() => RoadmapOnMain().Contains("- [x] Write the answer", StringComparison.Ordinal), Deadline, () => $"the box ticked on main\n{RoadmapOnMain()}\n{daemon.Output}\n{string.Join('\n', team.Lineage())}");
        await Eventually.TrueAsync(() => team.Lineage().Any(l => l.EndsWith("|pm.goal-done", StringComparison.Ordinal)), Deadline, () => "the goal done in the lineage\n" + string.Join('\n', team.Lineage()));

        // The dev's work is on main, in its own name.
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));
        Assert.Equal("dev-1 (claw.clip agent)", team.Repository.Git("log", "-1", "--format=%an", "main", "--", "answer.txt").Trim());
        Assert.Equal("clawclip-pm", team.Repository.Git("log", "-1", "--format=%an", "main", "--", "ROADMAP.md").Trim());
        Assert.Equal(["dev", "planner", "qa"], sessions.Values.Distinct().Order(StringComparer.Ordinal));

        // The lineage tells the whole story: planned, claimed, developed, reviewed, merged, done, ticked; each by its actor.
        var lineage = team.Lineage().Reverse().ToList();
        var story = string.Join('\n', lineage);
        var taskId = TaskId().Match(Assert.Single(lineage, l => l.EndsWith("|intake.submit", StringComparison.Ordinal))).Value;
        Assert.True(lineage.Contains("planner|G-answer planned: 1 task(s)|pm.goal-planned"), story);
        var planning = team.Repository.Git("log", "-1", "--format=%b", "--grep=^G-answer planned", "clawclip/state");
        Assert.Matches(@"planner's run: [1-9]\d* turns, 0\.\d*[1-9]\d* USD\.", planning);
        var taskPolicies = lineage.Where(l => l.Contains(taskId, StringComparison.Ordinal)).Select(l => l.Split('|')).Where(p => !p[2].StartsWith("trust.", StringComparison.Ordinal) && !p[2].StartsWith("agent.", StringComparison.Ordinal)).ToList();
        Assert.True(
            taskPolicies.Select(p => p[2]).SequenceEqual(["intake.submit", "claim.priority-and-skills", "dev.start", "dev.checks-passed", "qa.approve", "merge.gate-passed"]),
            story);
        Assert.True(taskPolicies.Select(p => p[0]).SequenceEqual(["planner", "dev-1", "dev-1", "dev-1", "qa-1", "claw.clip"]), story);
        var merged = lineage.FindIndex(l => l.EndsWith("|merge.gate-passed", StringComparison.Ordinal));
        Assert.True(lineage.FindIndex(l => l == "clawclip-pm|G-answer done: ticked in ROADMAP.md|pm.goal-done") > merged, story);

        // Cost and turns from the CLI's JSON are on the task, for the dev's run and for the review.
        var task = await team.ShowAsync(taskId);
        Assert.Equal("done", task.GetProperty("task").GetProperty("status").GetString());
        foreach (var policy in new[] { "dev.checks-passed", "qa.approve" })
        {
            var run = Assert.Single(task.GetProperty("history").EnumerateArray(), e => e.GetProperty("policy").GetString() == policy);
            Assert.True(run.GetProperty("cost_usd").GetDecimal() > 0m, run.ToString());
            Assert.True(run.GetProperty("turns").GetInt32() >= 1, run.ToString());
        }

        daemon.Terminate();
        await Eventually.TrueAsync(() => daemon.HasExited, Deadline, () => "the daemon to stop");
        Assert.True(daemon.ExitCode == 0, daemon.Output);
    }

    [GeneratedRegex(@"# (T-\d+):")]
    private static partial Regex TaskHeading();

    [GeneratedRegex(@"T-\d+")]
    private static partial Regex TaskId();

    private string RoadmapOnMain() => team.Repository.Git("show", "main:ROADMAP.md");

    private Dictionary<string, string> Environment(FakeModelServer model)
    {
        var offline = ClaudeCodeCli.OfflineEnvironment(model.BaseAddress, home);
        var environment = AgentVariables.ToDictionary(name => name, name => offline[name], StringComparer.Ordinal);
        environment["CLAWCLIP_CLAUDE"] = ClaudeCodeCli.RequirePath();

        // The daemon's HOME is its agents' HOME (one of the few variables every agent gets): the CLI keeps nothing in the person's.
        environment["HOME"] = offline["HOME"];
        return environment;
    }
}
