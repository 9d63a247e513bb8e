using System.Text.Json;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests;

public sealed class AgentTrustTests : IAsyncLifetime
{
    private static readonly AgentId Dev = AgentId.Parse("dev-1");
    private TestRepository repository = null!;

    public async Task InitializeAsync() => repository = await TestRepository.CreateAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        repository.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Promotion_AfterTheThreshold_AndDemotion_AfterThreeFailures_AreInTrustJsonAndTheLineage()
    {
        var store = repository.Store;
        for (var i = 1; i <= 3; i++)
        {
            await store.RecordOutcomeAsync(Dev, TaskId.FromNumber(i), success: true, 0.25m, "QA approved and it merged.", TrustRules.Default, CancellationToken.None);
        }

        using (var promoted = JsonDocument.Parse(await File.ReadAllTextAsync(repository.Layout.TrustPath(Dev))))
        {
            Assert.Equal("junior", promoted.RootElement.GetProperty("tier").GetString());
            Assert.Equal(0.75m, promoted.RootElement.GetProperty("spend_usd").GetDecimal());
        }

        for (var i = 4; i <= 6; i++)
        {
            await store.RecordOutcomeAsync(Dev, TaskId.FromNumber(i), success: false, 0.1m, "the build broke.", TrustRules.Default, CancellationToken.None);
        }

        Assert.Equal(Tier.Intern, (await store.ReadTrustAsync(Dev, CancellationToken.None)).Tier);
        var git = new GitCli(repository.Root, new ProcessRunner());
        var log = (await git.OutputAsync(["log", "clawclip/state", "--format=%s|%(trailers:key=Policy,valueonly,separator=)|%(trailers:key=Tier,valueonly,separator=)"], CancellationToken.None))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dev-1 demoted junior → intern|trust.demotion|intern", log[0]);
        Assert.Equal("dev-1 failed at T-0005|trust.outcome|junior", log[1]);
        Assert.Contains("dev-1 promoted intern → junior|trust.promotion|junior", log);
        var promotion = await git.OutputAsync(["log", "clawclip/state", "--grep=promoted", "--format=%b"], CancellationToken.None);
        Assert.Contains("Rule: 3 successes in a row take intern to junior.", promotion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadTrust_OfAnAgentWithNoHistory_IsAnIntern()
    {
        var trust = await repository.Store.ReadTrustAsync(AgentId.Parse("new-agent"), CancellationToken.None);

        Assert.Equal(Tier.Intern, trust.Tier);
        Assert.Equal(0, trust.Successes);
    }
}
