using System.Text.Json;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// Budgets with <c>clawclip run --once</c> on a real repository with scripted agents: the runtime's cost and tokens
/// reach the task's history and the lineage, a per-day limit pauses the dev with a lineage commit of its own, and
/// <c>clawclip budget</c> shows it.
/// </summary>
public sealed class BudgetTests : IAsyncLifetime
{
    // The dev reports what Claude Code reports: its cost, and the usage whose four counts add up to 5,500 tokens.
    private const string CostlyDev = """
        printf '42\n' > "answer-$n.txt"
        git add -A && git commit -q -m 'write the answer'
        echo '{"is_error":false,"result":"wrote the answer","session_id":"dev-session-1","total_cost_usd":0.05,"num_turns":3,"usage":{"input_tokens":1000,"output_tokens":200,"cache_creation_input_tokens":300,"cache_read_input_tokens":4000}}'
        """;

    private ScriptedTeam team = null!;

    public async Task InitializeAsync() => team = await ScriptedTeam.CreateAsync();

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_ADevPastItsDailyLimit_IsPausedInTheLineage_AndTheNextTaskStaysInTheBacklog()
    {
        team.Configure("budgets:\n  agent_per_day: {usd: 0.04}\n  total: {usd: 100}\n", "a budget per agent per day");
        team.Dev("default", CostlyDev);
        var first = await team.SubmitAsync("First", "--priority", "90");
        var second = await team.SubmitAsync("Second", "--priority", "10");

        var output = await team.RunOnceAsync();

        // The first task went through (to a person: dev-1 is an intern); the second was never claimed.
        Assert.Equal("needs-input", (await team.ShowAsync(first)).GetProperty("task").GetProperty("status").GetString());
        Assert.Equal("backlog", (await team.ShowAsync(second)).GetProperty("task").GetProperty("status").GetString());
        Assert.Single(team.Requests("dev"));
        Assert.Contains("dev-1 is paused (budget.agent-limit)", output, StringComparison.Ordinal);

        // The run's cost and tokens are on the task's history and on its lineage commit.
        var checksPassed = (await team.ShowAsync(first)).GetProperty("history").EnumerateArray().Single(e => e.GetProperty("policy").GetString() == "dev.checks-passed");
        Assert.Equal(5_500, checksPassed.GetProperty("tokens").GetInt64());
        Assert.Equal(0.05m, checksPassed.GetProperty("cost_usd").GetDecimal());
        Assert.Contains("5500", team.Repository.Git("log", "clawclip/state", "--grep=dev.checks-passed", "--format=%(trailers:key=Tokens,valueonly)"), StringComparison.Ordinal);

        // The pause is a decision in the lineage, by clawclip-budget, with its rule and its reason.
        var pauses = team.Lineage().Where(l => l.Contains("budget.agent-limit", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("clawclip-budget|budget: dev-1 paused for ", Assert.Single(pauses), StringComparison.Ordinal);
        var reason = team.Repository.Git("log", "clawclip/state", "-1", "--grep=paused for", "--format=%b");
        Assert.Contains("dev-1 has spent 0.05 USD today", reason, StringComparison.Ordinal);
        Assert.Contains("reaching its limit of 0.04 USD a day (budgets.agent_per_day in clawclip.yaml)", reason, StringComparison.Ordinal);
        using (var state = JsonDocument.Parse(team.StateFile("budget.json")))
        {
            var pause = Assert.Single(state.RootElement.GetProperty("pauses").EnumerateArray().ToList());
            Assert.Equal(("agent", "dev-1"), (pause.GetProperty("scope").GetString(), pause.GetProperty("name").GetString()));
        }

        // Another run changes nothing: the pause holds, and it is not recorded twice.
        await team.RunOnceAsync();
        Assert.Single(team.Requests("dev"));
        Assert.Single(team.Lineage(), l => l.Contains("budget.agent-limit", StringComparison.Ordinal));

        // clawclip budget shows the spend against the limits, and the pause.
        var table = await team.ClawclipAsync("budget");
        Assert.Contains("agent dev-1 today", table, StringComparison.Ordinal);
        Assert.Contains("PAUSED", table, StringComparison.Ordinal);
        Assert.Contains("agent dev-1 (budget.agent-limit)", table, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await team.ClawclipAsync("budget", "--json"));
        var dev = json.RootElement.GetProperty("scopes").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "dev-1");
        Assert.True(dev.GetProperty("paused").GetBoolean());
        Assert.Equal(0.05m, dev.GetProperty("spent_usd").GetDecimal());
        Assert.Equal(0.04m, dev.GetProperty("limit_usd").GetDecimal());
        Assert.Equal("budget.agent-limit", json.RootElement.GetProperty("pauses")[0].GetProperty("policy").GetString());
    }

    [Fact]
    public async Task Budget_WithNoBudgetsSet_SaysSoAndStillShowsTheSpend()
    {
        var text = await team.ClawclipAsync("budget");

        Assert.Contains("clawclip.yaml sets no budgets: nothing is limited. To set some, add e.g. budgets:", text, StringComparison.Ordinal);
        Assert.Contains("total", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await team.ClawclipAsync("budget", "--json"));
        Assert.False(json.RootElement.GetProperty("budgets_set").GetBoolean());
    }

    [Fact]
    public async Task Budget_WithAMalformedBudgetFile_FailsNamingTheFile()
    {
        File.WriteAllText(Path.Combine(team.Root, "state", "budget.json"), "{\"schema\": 1, \"pauses\": 3, \"warnings\": []}");

        var result = await Clawclip.RunAsync(team.Root, "budget");

        Assert.Equal(7, result.ExitCode);
        Assert.StartsWith("error: state/budget.json: not a valid state file at $.pauses", result.Error, StringComparison.Ordinal);
    }
}
