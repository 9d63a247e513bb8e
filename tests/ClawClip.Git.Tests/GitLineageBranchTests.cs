using ClawClip.Core.Agents;
using ClawClip.Core.Lineage;
using ClawClip.Git.Tests.Support;

namespace ClawClip.Git.Tests;

public sealed class GitLineageBranchTests : IDisposable
{
    private readonly TempRepository repository = new();
    private readonly GitCli git;
    private readonly GitLineageBranch branch;

    public GitLineageBranchTests()
    {
        git = repository.Git;
        branch = new GitLineageBranch(git);
    }

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task Append_OnANewBranch_WritesOneCommitPerRecord_AuthoredByTheAgent()
    {
        Assert.Null(await branch.TipAsync(CancellationToken.None));

        var result = await branch.AppendAsync(null, [Record(1, "a.json", "1"), Record(2, "b.json", "2")], CancellationToken.None);

        var tip = Assert.IsType<AppendResult.Appended>(result).Tip;
        Assert.Equal(tip, await branch.TipAsync(CancellationToken.None));
        var log = await git.OutputAsync(["log", "--format=%an <%ae>|%cn|%s|%(trailers:key=Policy,valueonly,separator=)", GitLineageBranch.BranchRef], CancellationToken.None);
        Assert.Equal(
            ["dev-1 <dev-1@agents.clawclip.invalid>|claw.clip|record 2|rule-2", "dev-1 <dev-1@agents.clawclip.invalid>|claw.clip|record 1|rule-1"],
            log.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["a.json", "b.json"], (await branch.ListFilesAsync(tip, CancellationToken.None)).Keys.Order());
        Assert.Equal(string.Empty, (await git.OutputAsync(["for-each-ref", "refs/clawclip/"], CancellationToken.None)).Trim()); // no scratch ref left
    }

    [Fact]
    public async Task Append_FromAStaleTip_ChangesNothing_AndSaysWhereTheBranchIs()
    {
        var first = Assert.IsType<AppendResult.Appended>(await branch.AppendAsync(null, [Record(1, "a.json", "1")], CancellationToken.None)).Tip;
        var second = Assert.IsType<AppendResult.Appended>(await branch.AppendAsync(first, [Record(2, "b.json", "2")], CancellationToken.None)).Tip;

        var stale = await branch.AppendAsync(first, [Record(3, "c.json", "3")], CancellationToken.None);

        Assert.Equal(second, Assert.IsType<AppendResult.TipMoved>(stale).ActualTip);
        Assert.Equal(second, await branch.TipAsync(CancellationToken.None));
        Assert.DoesNotContain("c.json", (await branch.ListFilesAsync(second, CancellationToken.None)).Keys);
    }

    [Fact]
    public async Task Append_ACreationWhenTheBranchAlreadyExists_IsRefusedLikeAnyStaleTip()
    {
        var existing = Assert.IsType<AppendResult.Appended>(await branch.AppendAsync(null, [Record(1, "a.json", "1")], CancellationToken.None)).Tip;

        var result = await branch.AppendAsync(null, [Record(2, "b.json", "2")], CancellationToken.None);

        Assert.Equal(existing, Assert.IsType<AppendResult.TipMoved>(result).ActualTip);
    }

    [Fact]
    public async Task Append_ADeletion_RemovesThePathFromTheNextTree()
    {
        var first = Assert.IsType<AppendResult.Appended>(await branch.AppendAsync(null, [Record(1, "tasks/backlog/00/T-0001.json", "x")], CancellationToken.None)).Tip;
        var move = new LineageRecord("r2", DateTimeOffset.UnixEpoch, AgentIdentity.Human, "moved", "why", [], [new StateChange("tasks/backlog/00/T-0001.json", null), new StateChange("tasks/claimed/00/T-0001.json", "y")]);

        var tip = Assert.IsType<AppendResult.Appended>(await branch.AppendAsync(first, [move], CancellationToken.None)).Tip;

        Assert.Equal(["tasks/claimed/00/T-0001.json"], (await branch.ListFilesAsync(tip, CancellationToken.None)).Keys);
        Assert.Equal("y", await branch.ReadFileAsync(tip, "tasks/claimed/00/T-0001.json", CancellationToken.None));
        Assert.Null(await branch.ReadFileAsync(tip, "tasks/backlog/00/T-0001.json", CancellationToken.None));
    }

    [Fact]
    public async Task Append_WithCommonTrailers_PutsThemOnEveryCommit_AfterTheRecordsOwn()
    {
        var unconfined = new GitLineageBranch(git) { CommonTrailers = [new Trailer("Sandbox", "off")] };

        await unconfined.AppendAsync(null, [Record(1, "a.json", "1"), Record(2, "b.json", "2")], CancellationToken.None);

        var log = await git.OutputAsync(["log", "--format=%(trailers:only,unfold,separator=%x2c)", GitLineageBranch.BranchRef], CancellationToken.None);
        Assert.Equal(["Policy: rule-2,Sandbox: off", "Policy: rule-1,Sandbox: off"], log.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static LineageRecord Record(int n, string path, string content) =>
        new($"r{n}", DateTimeOffset.UnixEpoch.AddMinutes(n), AgentIdentity.For(AgentId.Parse("dev-1")), $"record {n}", "because", [new Trailer("Policy", $"rule-{n}")], [new StateChange(path, content)]);
}
