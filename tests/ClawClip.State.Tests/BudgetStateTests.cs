using ClawClip.Core.Budgets;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests;

/// <summary><c>state/budget.json</c> on a real repository: each decision written with its lineage commit, read back whole.</summary>
public sealed class BudgetStateTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(5));

    private TestRepository repository = null!;

    private FileStateStore Store => repository.Store;

    public async Task InitializeAsync() => repository = await TestRepository.CreateAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        repository.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ReadBudgetState_WhenNothingWasEverDecided_IsEmpty()
    {
        Assert.True((await Store.ReadBudgetStateAsync(CancellationToken.None)).IsEmpty);
        Assert.False(File.Exists(repository.Layout.BudgetPath));
    }

    [Fact]
    public async Task RecordBudgetDecision_WritesTheFileAndALineageCommit_AndReadsBackEveryPauseAndWarning()
    {
        await Store.RecordBudgetDecisionAsync(Pause("dev-1"), CancellationToken.None);
        await Store.RecordBudgetDecisionAsync(Warn(BudgetScope.Total), CancellationToken.None);

        var state = await Store.ReadBudgetStateAsync(CancellationToken.None);

        var pause = Assert.Single(state.Pauses);
        Assert.Equal(new BudgetPause(BudgetScope.ForAgent("dev-1"), "2026-11-03", BudgetPolicies.AgentLimit, "dev-1 has spent 1.20 USD today.", At, At.AddHours(14)), pause);
        Assert.Equal(new BudgetWarningSent(BudgetScope.Total, BudgetPeriod.AllTime, At), Assert.Single(state.Warnings));
        var log = await LineageAsync("%an|%s|%(trailers:key=Policy,valueonly,separator=)|%(trailers:key=Scope,valueonly,separator=)|%(trailers:key=Data,valueonly,separator=)");
        Assert.Equal("clawclip-budget|budget: warning for the total|budget.warning|total|budget.json", log[0]);
        Assert.Equal("clawclip-budget|budget: dev-1 paused for 2026-11-03|budget.agent-limit|agent dev-1|budget.json", log[1]);
        Assert.Contains("dev-1 has spent 1.20 USD today.", string.Join("\n", await LineageAsync("%b")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordBudgetDecision_MadeAgain_WritesNothingAndSaysSo()
    {
        Assert.True(await Store.RecordBudgetDecisionAsync(Pause("dev-1"), CancellationToken.None));
        var commits = (await LineageAsync("%H")).Length;

        Assert.False(await Store.RecordBudgetDecisionAsync(Pause("dev-1"), CancellationToken.None));
        Assert.False(await Store.RecordBudgetDecisionAsync(Warn(BudgetScope.Total) with { Kind = BudgetDecisionKind.Resume }, CancellationToken.None));

        Assert.Equal(commits, (await LineageAsync("%H")).Length);
    }

    [Fact]
    public async Task RecordBudgetDecision_AResume_RemovesThePauseWithACommitOfItsOwn()
    {
        await Store.RecordBudgetDecisionAsync(Pause("dev-1"), CancellationToken.None);
        await Store.RecordBudgetDecisionAsync(Pause("dev-2"), CancellationToken.None);

        await Store.RecordBudgetDecisionAsync(Pause("dev-1") with { Kind = BudgetDecisionKind.Resume, Policy = BudgetPolicies.Resumed, Subject = "budget: dev-1 resumed" }, CancellationToken.None);

        Assert.Equal([BudgetScope.ForAgent("dev-2")], (await Store.ReadBudgetStateAsync(CancellationToken.None)).Pauses.Select(p => p.Scope));
        Assert.StartsWith("budget: dev-1 resumed|budget.resumed", (await LineageAsync("%s|%(trailers:key=Policy,valueonly,separator=)"))[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schema\": 1, \"pauses\": [], \"warnings\": [", "not a valid state file")]
    [InlineData("{\"schema\": 2, \"pauses\": [], \"warnings\": []}", "schema 2 is not supported")]
    [InlineData("{\"schema\": 1, \"warnings\": []}", "\"pauses\" is missing: write \"pauses\": [] when there are none")]
    [InlineData("{\"schema\": 1, \"pauses\": [{\"scope\": \"team\", \"name\": \"x\", \"period\": \"all-time\", \"policy\": \"p\", \"reason\": \"r\", \"since\": \"2026-11-03T10:00:00+05:00\", \"until\": null}], \"warnings\": []}", "pauses[0].scope is 'team': it must be task, agent, goal or total")]
    [InlineData("{\"schema\": 1, \"pauses\": [], \"warnings\": [{\"scope\": \"agent\", \"name\": \"\", \"period\": \"2026-11-03\", \"at\": \"2026-11-03T10:00:00+05:00\"}]}", "warnings[0].name is missing or empty")]
    [InlineData("{\"schema\": 1, \"pauses\": [], \"warnings\": [], \"paused\": true}", "not a valid state file at $.paused")]
    public async Task ReadBudgetState_AMalformedFile_IsAnErrorNamingTheFileAndWhatIsWrong(string content, string problem)
    {
        File.WriteAllText(repository.Layout.BudgetPath, content);

        var error = await Assert.ThrowsAsync<InvalidStateFileException>(() => Store.ReadBudgetStateAsync(CancellationToken.None));

        Assert.Equal("state/budget.json", error.DisplayPath);
        Assert.StartsWith("state/budget.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordBudgetDecision_OnAMalformedFile_RefusesAndLeavesTheFileAsItWas()
    {
        File.WriteAllText(repository.Layout.BudgetPath, "{\"schema\": 1}");

        await Assert.ThrowsAsync<InvalidStateFileException>(() => Store.RecordBudgetDecisionAsync(Pause("dev-1"), CancellationToken.None));

        Assert.Equal("{\"schema\": 1}", File.ReadAllText(repository.Layout.BudgetPath));
        Assert.False(Store.HasPendingLineage());
    }

    private static BudgetDecision Pause(string agent) => new(
        BudgetDecisionKind.Pause, BudgetScope.ForAgent(agent), "2026-11-03", BudgetPolicies.AgentLimit, $"budget: {agent} paused for 2026-11-03",
        $"{agent} has spent 1.20 USD today.", At, new BudgetSpend(1.20m, 0), new BudgetLimit(1.00m, null))
    {
        Until = At.AddHours(14),
    };

    private static BudgetDecision Warn(BudgetScope scope) => new(
        BudgetDecisionKind.Warn, scope, BudgetPeriod.AllTime, BudgetPolicies.Warning, $"budget: warning for {scope}",
        "the team has spent 170 USD, 85% of its limit.", At, new BudgetSpend(170m, 0), new BudgetLimit(200m, null));

    private async Task<string[]> LineageAsync(string format)
    {
        var git = new GitCli(repository.Root, new ProcessRunner());
        return (await git.OutputAsync(["log", "clawclip/state", $"--format={format}"], CancellationToken.None)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
