using ClawClip.Core.Agents;
using ClawClip.Core.Outages;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests;

/// <summary><c>state/outage.json</c> on a real repository: each outage decision written with its lineage commit, read back whole.</summary>
public sealed class OutageStateTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly AgentId Dev = AgentId.Parse("dev-1");
    private static readonly OutageSettings Settings = new(TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromMinutes(1), 2) { Jitter = 0 };

    private TestRepository repository = null!;

    private FileOutageState Outages => new(repository.Store);

    public async Task InitializeAsync() => repository = await TestRepository.CreateAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        repository.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task UpdateOutages_WritesEachDecisionWithALineageCommitByTheOutageKeeper_AndTheResumeDeletesTheFile()
    {
        await Outages.UpdateOutagesAsync(s => Failure(s), CancellationToken.None);
        await Outages.UpdateOutagesAsync(s => Failure(s), CancellationToken.None);

        var paused = await Outages.ReadOutagesAsync(CancellationToken.None);
        var entry = Assert.Single(paused.Agents);
        Assert.Equal(new AgentOutage(Dev, 2, At, At.AddSeconds(20), "HTTP 500", At), entry);

        await Outages.UpdateOutagesAsync(s => OutageRules.AfterAnswer(s, Dev, At.AddMinutes(1)), CancellationToken.None);

        Assert.True((await Outages.ReadOutagesAsync(CancellationToken.None)).IsEmpty);
        Assert.False(File.Exists(repository.Layout.OutagePath));
        var log = await LineageAsync("%an|%s|%(trailers:key=Policy,valueonly,separator=)|%(trailers:key=Task,valueonly,separator=)|%(trailers:key=Data,valueonly,separator=)");
        Assert.Equal(
            [
                "clawclip-outage|dev-1 resumed: the model's API answers again|outage.resume||outage.json",
                "clawclip-outage|dev-1 paused: model API outage|outage.pause|T-0001|outage.json",
                "clawclip-outage|dev-1: model API outage, 1 in a row|outage.retry|T-0001|outage.json",
            ],
            log.Take(3));
    }

    [Fact]
    public async Task UpdateOutages_WhenTheDecisionIsNothing_WritesNothing()
    {
        var commits = (await LineageAsync("%H")).Length;

        Assert.Null(await Outages.UpdateOutagesAsync(s => OutageRules.AfterAnswer(s, Dev, At), CancellationToken.None));

        Assert.Equal(commits, (await LineageAsync("%H")).Length);
        Assert.False(repository.Store.HasPendingLineage());
    }

    [Theory]
    [InlineData("{\"schema\": 1, \"agents\": [", "not a valid state file")]
    [InlineData("{\"schema\": 1}", "\"agents\" is missing: write \"agents\": [] when there are none")]
    [InlineData("{\"schema\": 1, \"agents\": [{\"agent\": \"Dev 1\", \"consecutive\": 1, \"since\": \"2026-12-03T12:00:00Z\", \"retry_at\": \"2026-12-03T12:00:10Z\", \"last_failure\": \"x\", \"paused_at\": null}]}", "agents[0].agent is 'Dev 1', not an agent name")]
    [InlineData("{\"schema\": 1, \"agents\": [{\"agent\": \"dev-1\", \"consecutive\": 0, \"since\": \"2026-12-03T12:00:00Z\", \"retry_at\": \"2026-12-03T12:00:10Z\", \"last_failure\": \"x\", \"paused_at\": null}]}", "agents[0].consecutive is 0")]
    public async Task ReadOutages_AMalformedFile_IsAnErrorNamingTheFileAndWhatIsWrong_AndNoDecisionOverwritesIt(string content, string problem)
    {
        File.WriteAllText(repository.Layout.OutagePath, content);

        var error = await Assert.ThrowsAsync<InvalidStateFileException>(() => Outages.ReadOutagesAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidStateFileException>(() => Outages.UpdateOutagesAsync(s => Failure(s), CancellationToken.None));

        Assert.StartsWith("state/outage.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(repository.Layout.OutagePath));
    }

    private static OutageUpdate Failure(OutageState state) =>
        OutageRules.AfterFailure(state, Dev, TaskId.Parse("T-0001"), "HTTP 500", null, [Dev, AgentId.Parse("qa-1")], Settings, new OutageBackoff(Settings), At);

    private async Task<string[]> LineageAsync(string format)
    {
        var git = new GitCli(repository.Root, new ProcessRunner());
        return (await git.OutputAsync(["log", "clawclip/state", $"--format={format}"], CancellationToken.None)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
