using System.Globalization;
using System.Text.Json;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.FakeWebhook;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// Money on real repositories with scripted agents on the command runtime: every run (dev, failed, QA with or without
/// a verdict, planner) is counted once, and the same in <c>clawclip budget</c>, the task and goal files, the agents'
/// trust.json and the lineage; a reviewer that never gives a verdict stops its task once, within the task's budget;
/// a step failing the same way three times stops its task.
/// </summary>
public sealed class MoneyTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);

    // A run that costs 0.19 USD, or what it may still spend when that is less: an agent that honours max_cost_usd,
    // as Claude Code's --max-budget-usd does.
    private const string Capped = """
        max=$(grep -o '"max_cost_usd":[0-9.]*' "$here/$role-request-$n.json" | cut -d: -f2)
        cost=$(awk -v m="$max" 'BEGIN { c = 0.19; if (m + 0 < c) c = m + 0; printf "%.2f", c }')
        """;

    private const string Garbage = Capped + """

        echo "{\"is_error\":false,\"result\":\"looks fine to me, probably\",\"total_cost_usd\":$cost,\"num_turns\":1}"
        """;

    private const string CappedDev = Capped + """

        id=$(grep -o '# T-[0-9]*' "$here/dev-request-$n.json" | head -1 | cut -c3-)
        echo "done" > "work-$id.txt"
        git add -A && git commit -q -m "work for $id"
        echo "{\"is_error\":false,\"result\":\"done\",\"num_turns\":2,\"total_cost_usd\":$cost}"
        """;

    private ScriptedTeam team = null!;

    public async Task InitializeAsync() => team = await ScriptedTeam.CreateAsync();

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_AReviewerThatAlwaysAnswersGarbage_StopsTheTaskOnce_WithinItsBudget_AndNoLaterPassPaysForItAgain()
    {
        team.Configure("budgets:\n  task: {usd: 0.50}\n  total: {usd: 1.00}\n", "budgets: 0.50 a task, 1.00 in all");
        team.Dev("default", CappedDev);
        team.Qa("default", Garbage);
        var id = await team.SubmitAsync("Write the answer");

        for (var run = 0; run < 4; run++)
        {
            await team.RunOnceAsync();
        }

        // Two tries, then a person: the task waits in needs-input, sent there once, and nothing reviewed it again.
        var story = await team.StoryAsync(id);
        var shown = await team.ShowAsync(id);
        Assert.Equal("needs-input", shown.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal(2, team.Requests("qa").Count);
        var history = shown.GetProperty("history").EnumerateArray().ToList();
        var stop = Assert.Single(history, e => e.GetProperty("to").GetString() == "needs-input" && e.GetProperty("from").GetString() != "needs-input");
        Assert.Equal("failure-policy.qa-to-merge.halt", stop.GetProperty("policy").GetString());
        Assert.Contains("qa-1 gave no usable verdict in 2 tries", stop.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Each try is on the task with what it cost: the first 0.19, the second what the task had left.
        var tries = history.Where(e => e.GetProperty("policy").GetString() == "qa.no-verdict").Select(e => e.GetProperty("cost_usd").GetDecimal()).ToList();
        Assert.Equal([0.19m, 0.12m], tries);
        var spent = history.Sum(e => e.GetProperty("cost_usd").ValueKind == JsonValueKind.Number ? e.GetProperty("cost_usd").GetDecimal() : 0m);
        Assert.True(spent <= 0.50m, $"the task spent {spent} USD, over its budget of 0.50\n{story}");
        Assert.Equal(0.50m, spent);

        // clawclip budget and the reviewer's trust.json say the same.
        using var budget = JsonDocument.Parse(await team.ClawclipAsync("budget", "--json"));
        var scopes = budget.RootElement.GetProperty("scopes").EnumerateArray().ToList();
        Assert.Equal(0.50m, scopes.Single(s => s.GetProperty("scope").GetString() == "total").GetProperty("spent_usd").GetDecimal());
        Assert.Equal(0.31m, scopes.Single(s => s.GetProperty("name").GetString() == "qa-1").GetProperty("spent_usd").GetDecimal());
        Assert.Equal(0.31m, TrustSpend("qa-1"));
        Assert.Equal(0.19m, TrustSpend("dev-1"));
    }

    [Fact]
    public async Task RunOnce_ADevRunFailingTheSameWayThreeTimes_StopsTheTaskForAPerson_ThoughAttemptsRemain()
    {
        team.Dev("default", """
            echo '{"is_error":true,"result":"the build tool crashed: segmentation fault","total_cost_usd":0.03,"num_turns":1}'
            """);
        var id = await team.SubmitAsync("Write the answer", "--max-attempts", "5");

        await team.RunOnceAsync();
        await team.RunOnceAsync();

        var shown = await team.ShowAsync(id);
        var story = await team.StoryAsync(id);
        Assert.True(shown.GetProperty("task").GetProperty("status").GetString() == "needs-input", story);
        Assert.Equal("needs-input", shown.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal(3, team.Requests("dev").Count);
        var last = shown.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("pipeline.step-repeated", last.GetProperty("policy").GetString());
        Assert.StartsWith("the dev run failed the same way 3 times in a row", last.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0.03m, last.GetProperty("cost_usd").GetDecimal()); // the third run's cost is on the stop
        Assert.Equal(2, shown.GetProperty("history").EnumerateArray().Count(e => e.GetProperty("policy").GetString() == "dev.run-failed.retry"));
        Assert.Contains(team.Lineage(), l => l.EndsWith("|pipeline.step-repeated", StringComparison.Ordinal));
        Assert.True(0.09m == TrustSpend("dev-1"), story);
    }

    [Fact]
    public async Task Daemon_EveryRunCostsWhatItCost_InTheBudgetTheHistoriesTrustAndTheLineage_ToTheCent()
    {
        // The planner plans two tasks (0.07). The dev's first run fails (0.03); each other run costs 0.19. The reviewer
        // gives no verdict on its first try (reporting 0.30000000000000004, which is 0.3), approves on its second
        // (0.02), and gives none on either try of the second task (0.05 each): that task stops, with an alert.
        await using var webhook = new WebhookListener();
        await team.EarnJuniorAsync();
        team.Planner("default", """
            goal=$(grep -o 'Goal G-[a-z0-9-]*' "$here/planner-request-$n.json" | head -1 | cut -d' ' -f2)
            echo "{\"is_error\":false,\"structured_output\":{\"tasks\":[{\"key\":\"a\",\"title\":\"$goal part a\",\"spec\":\"first half\",\"acceptance\":[],\"estimate_minutes\":15},{\"key\":\"b\",\"title\":\"$goal part b\",\"spec\":\"second half\",\"acceptance\":[],\"estimate_minutes\":15}]},\"total_cost_usd\":0.07,\"num_turns\":2}"
            """);
        team.Dev("1", """
            echo '{"is_error":true,"result":"the run was cut short","total_cost_usd":0.03,"num_turns":1}'
            """);
        team.Dev("default", ScriptedTeam.OneFilePerTask.Replace("\"total_cost_usd\":0.01", "\"total_cost_usd\":0.19", StringComparison.Ordinal));
        team.Qa("1", """
            echo '{"is_error":false,"result":"hmm","total_cost_usd":0.30000000000000004,"num_turns":1}'
            """);
        team.Qa("2", ScriptedTeam.Approve("looks right").Replace("0.002", "0.02", StringComparison.Ordinal));
        team.Qa("default", """
            echo '{"is_error":false,"result":"no idea","total_cost_usd":0.05,"num_turns":1}'
            """);
        File.WriteAllText(Path.Combine(team.Root, "ROADMAP.md"), "# Roadmap\n\n- [ ] Greet in English <!-- goal: english -->\n");
        team.Repository.Git("add", "ROADMAP.md");
        team.Repository.Git("commit", "-q", "-m", "the roadmap");
        var envFile = Path.Combine(team.Scripts, "daemon.env");
        File.WriteAllText(envFile, $"CLAWCLIP_WEBHOOK_URL={webhook.Url}\n");

        using var daemon = DaemonProcess.Start(team.Root, "--env-file", envFile, "--interval", "30s", "--stop-timeout", "5s", "--run-timeout", "60s", "--check-timeout", "60s");
        // After 18:00 the daily summary (default time) may come first: the alert this test waits for is the stop.
        var alert = await webhook.NextAsync();
        while (!alert.Body.Contains("stopped: waits for a person", StringComparison.Ordinal))
        {
            alert = await webhook.NextAsync();
        }

        Assert.Contains("stopped: waits for a person", alert.Body, StringComparison.Ordinal);
        Assert.Contains("gave no usable verdict in 2 tries", alert.Body, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await StatusesAsync()).Order(StringComparer.Ordinal).SequenceEqual(["done", "needs-input"]), Deadline, () => $"one task done, the other stopped\n{daemon.Output}");
        daemon.Terminate();
        await Eventually.TrueAsync(() => daemon.HasExited, Deadline, () => "the daemon to stop");

        // The runs: 0.07 + 0.03 + 2 × 0.19 + 0.3 + 0.02 + 2 × 0.05.
        var expected = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["planner"] = 0.07m, ["dev-1"] = 0.41m, ["qa-1"] = 0.42m };
        const decimal total = 0.90m;

        // 1. clawclip budget: the total, the goal (its tasks and its planning) and each agent today.
        using var budget = JsonDocument.Parse(await team.ClawclipAsync("budget", "--json"));
        var scopes = budget.RootElement.GetProperty("scopes").EnumerateArray().ToList();
        Assert.Equal(total, scopes.Single(s => s.GetProperty("scope").GetString() == "total").GetProperty("spent_usd").GetDecimal());
        Assert.Equal(total, scopes.Single(s => s.GetProperty("scope").GetString() == "goal").GetProperty("spent_usd").GetDecimal());
        Assert.Equal(expected, scopes.Where(s => s.GetProperty("scope").GetString() == "agent").ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("spent_usd").GetDecimal()));

        // 2. The task files' histories (by actor), and the goal file's planner runs.
        var fromFiles = new Dictionary<string, decimal>(StringComparer.Ordinal);
        using var goal = JsonDocument.Parse(team.StateFile("goals/G-english.json"));
        foreach (var run in goal.RootElement.GetProperty("planning_runs").EnumerateArray())
        {
            Add(fromFiles, run.GetProperty("agent").GetString()!, run.GetProperty("cost_usd").GetDecimal());
        }

        foreach (var task in goal.RootElement.GetProperty("tasks").EnumerateArray())
        {
            foreach (var e in (await team.ShowAsync(task.GetString()!)).GetProperty("history").EnumerateArray().Where(e => e.GetProperty("cost_usd").ValueKind == JsonValueKind.Number))
            {
                Add(fromFiles, e.GetProperty("actor").GetString()!, e.GetProperty("cost_usd").GetDecimal());
            }
        }

        Assert.Equal(expected, fromFiles.Where(a => a.Value != 0m).ToDictionary());

        // 3. Each agent's trust.json.
        Assert.Equal(expected, expected.Keys.ToDictionary(a => a, TrustSpend));

        // 4. The lineage: the Cost-USD of the task and goal commits, by agent; and the trust commits' own, likewise.
        var decisions = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var credits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in team.Repository.Git("log", "clawclip/state", "--format=%(trailers:key=Policy,valueonly,separator=)|%(trailers:key=Agent,valueonly,separator=)|%(trailers:key=Cost-USD,valueonly,separator=)").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (policy, agent, cost) = line.Split('|') is [var p, var a, var c] ? (p, a, c) : throw new InvalidOperationException(line);
            if (cost.Length == 0 || policy.StartsWith("budget.", StringComparison.Ordinal))
            {
                continue;
            }

            Add(policy.StartsWith("trust.", StringComparison.Ordinal) ? credits : decisions, agent, decimal.Parse(cost, CultureInfo.InvariantCulture));
        }

        Assert.Equal(expected, decisions.Where(a => a.Value != 0m).ToDictionary());
        Assert.Equal(expected, credits.Where(a => a.Value != 0m).ToDictionary());

        // Money is written exactly: the noisy cost as the 0.3 it is, and no float noise in any state file.
        Assert.Contains("0.300000", team.Repository.Git("log", "clawclip/state", "--grep=qa.no-verdict", "--format=%(trailers:key=Cost-USD,valueonly)"), StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(team.Root, "state"), "*.json", SearchOption.AllDirectories))
        {
            Assert.DoesNotMatch(@"_usd"": *[0-9]+\.[0-9]{7,}", File.ReadAllText(file));
        }
    }

    private static void Add(Dictionary<string, decimal> sums, string agent, decimal cost) => sums[agent] = sums.GetValueOrDefault(agent) + cost;

    private decimal TrustSpend(string agent)
    {
        using var trust = JsonDocument.Parse(team.StateFile($"agents/{agent}/trust.json"));
        return trust.RootElement.GetProperty("spend_usd").GetDecimal();
    }

    private async Task<List<string>> StatusesAsync()
    {
        var path = Path.Combine(team.Root, "state", "goals", "G-english.json");
        if (!File.Exists(path))
        {
            return [];
        }

        using var goal = JsonDocument.Parse(File.ReadAllText(path));
        var statuses = new List<string>();
        foreach (var task in goal.RootElement.GetProperty("tasks").EnumerateArray())
        {
            statuses.Add((await team.ShowAsync(task.GetString()!)).GetProperty("task").GetProperty("status").GetString()!);
        }

        return statuses;
    }
}
