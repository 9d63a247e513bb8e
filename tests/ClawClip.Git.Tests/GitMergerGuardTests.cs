using ClawClip.Core.Merging;
using ClawClip.Core.Protection;
using ClawClip.Core.Tasks;
using ClawClip.Git.Tests.Support;
using ClawClip.Processes;

namespace ClawClip.Git.Tests;

/// <summary>
/// The merge gate as an agent would attack it: each test commits the move on a task branch, as an agent in its clone
/// would, and checks that main is byte-identical afterwards (its commit, hence its whole tree); a harmless twin of
/// the move lands, so each test can fail.
/// </summary>
public sealed class GitMergerGuardTests : IAsyncLifetime, IDisposable
{
    private static readonly TaskId Task1 = TaskId.Parse("T-0001");
    private static readonly LandingRules NotApproved = new(ProtectedPaths.Default, PersonApproved: false);
    private static readonly LandingRules Approved = new(ProtectedPaths.Default, PersonApproved: true);
    private readonly TempRepository repository = new();
    private GitMerger merger = null!;

    public async Task InitializeAsync()
    {
        await TempRepository.CommitAsync(repository.Root, "README.md", "hello\n", "first", "person");
        merger = new GitMerger(repository.Git, new ProcessRunner(), new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, Path.Combine(repository.Homes, "gate"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => repository.Dispose();

    [Theory]
    [InlineData("/etc/passwd", "an absolute path outside the tree")]
    [InlineData("../../state", "leaves the tree")]
    [InlineData("x/../../../outside", "leaves the tree")]
    [InlineData(".git/config", "into .git")]
    [InlineData("./.GIT/hooks", "into .git")]
    public async Task Merge_OfASymlinkOutOfTheTree_IsRefusedNamingIt_AndMainStaysAsItWas(string target, string reason)
    {
        await TaskCommitAsync("add a link", ("docs/link", Link(target)));
        var main = await MainAsync();

        var outcome = await MergeAsync(Approved); // a person's approval changes nothing

        var refused = Assert.IsType<MergeOutcome.Refused>(outcome).Refusal;
        Assert.Equal("docs/link", refused.Path);
        Assert.Contains(reason, refused.Reason, StringComparison.Ordinal);
        Assert.Equal(main, await MainAsync());
    }

    [Fact]
    public async Task Merge_OfASymlinkThatStaysInTheTree_Lands()
    {
        await TaskCommitAsync("add a link", ("docs/readme", Link("../README.md")));

        var outcome = await MergeAsync(NotApproved);

        Assert.Equal(Assert.IsType<MergeOutcome.Merged>(outcome).Commit, await MainAsync());
        Assert.Equal("120000", (await repository.RunAsync("ls-tree", "main", "docs/readme")).Split(' ')[0]);
    }

    [Fact]
    public async Task Merge_OfALinkThatLeavesTheTreeThroughAnotherLink_IsRefused()
    {
        // a -> . stays in the tree, and so does a/a/.. as text; on disk it is the folder above the root.
        await TaskCommitAsync("two links", ("a", Link(".")), ("b", Link("a/a/..")));
        var main = await MainAsync();

        var outcome = await MergeAsync(NotApproved);

        var refused = Assert.IsType<MergeOutcome.Refused>(outcome).Refusal;
        Assert.Equal("b", refused.Path);
        Assert.Contains("through the link 'a'", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(main, await MainAsync());
    }

    [Fact]
    public async Task Merge_OfALinkMainAlreadyHas_MadeToLeaveTheTreeByANewLink_IsRefused()
    {
        // The person's b -> d/d/.. is harmless while d is missing; the agent adds d -> . beside it.
        await TempRepository.CommitAsync(repository.Root, "keep.txt", "x\n", "a link of the person's", "person");
        await CommitAsync("main", "a link of the person's", ("b", Link("d/d/..")));
        await TaskCommitAsync("a harmless-looking link", ("d", Link(".")));
        var main = await MainAsync();

        var outcome = await MergeAsync(NotApproved);

        Assert.Equal("b", Assert.IsType<MergeOutcome.Refused>(outcome).Refusal.Path);
        Assert.Equal(main, await MainAsync());
    }

    [Fact]
    public async Task Merge_OfALinkAddedThenRemoved_IsRefused_SinceTheCommitThatAddsItWouldBeOnMain()
    {
        await TaskCommitAsync("add a link", ("passwd", Link("/etc/passwd")));
        await TaskCommitAsync("and take it away", ("passwd", null), ("work.txt", File("done\n")));
        var main = await MainAsync();

        var outcome = await MergeAsync(NotApproved);

        Assert.Equal("passwd", Assert.IsType<MergeOutcome.Refused>(outcome).Refusal.Path);
        Assert.Equal(main, await MainAsync());
    }

    [Theory]
    [InlineData(".husky/pre-commit")]
    [InlineData(".githooks/post-checkout")]
    [InlineData("web/.husky/pre-push")]
    public async Task Merge_OfAnExecutableInAHookFolder_IsRefusedEvenApproved_WhileAPlainFileThereLandsOnceApproved(string path)
    {
        await TaskCommitAsync("a hook", (path, Executable("#!/bin/sh\ntouch /tmp/pwned\n")));
        var main = await MainAsync();

        var refused = await MergeAsync(Approved);

        Assert.Equal(new LandingRefusal(path, "is an executable in a hook folder, which would run in the next person's git commands"), Assert.IsType<MergeOutcome.Refused>(refused).Refusal);
        Assert.Equal(main, await MainAsync());

        // The same content without the executable bit, on a fresh branch, is a file like any other (a protected one,
        // approved here).
        await repository.RunAsync("update-ref", "-d", "refs/heads/task/" + Task1);
        await TaskCommitAsync("not executable", (path, File("#!/bin/sh\ntouch /tmp/pwned\n")));
        Assert.IsType<MergeOutcome.Merged>(await MergeAsync(Approved));
    }

    [Fact]
    public async Task Merge_OfASymlinkInAHookFolder_IsRefused()
    {
        await TaskCommitAsync("a hook link", (".githooks/pre-commit", Link("../scripts/hook.sh")), ("scripts/hook.sh", File("echo\n")));

        var outcome = await MergeAsync(Approved);

        Assert.Equal(".githooks/pre-commit", Assert.IsType<MergeOutcome.Refused>(outcome).Refusal.Path);
    }

    [Fact]
    public async Task Merge_OfAnExecutableElsewhere_Lands()
    {
        await TaskCommitAsync("a script", ("scripts/build.sh", Executable("#!/bin/sh\n")));

        Assert.IsType<MergeOutcome.Merged>(await MergeAsync(NotApproved));
    }

    [Fact]
    public async Task Merge_OfAChangeToClawclipYaml_WaitsForAPerson_AndLandsOnceApproved()
    {
        await TaskCommitAsync("make the checks pass", ("clawclip.yaml", File("checks:\n  build: [/bin/true]\n")), ("src/a.txt", File("a\n")));
        var main = await MainAsync();

        var held = await MergeAsync(NotApproved);

        Assert.Equal(["clawclip.yaml"], Assert.IsType<MergeOutcome.NeedsApproval>(held).Paths);
        Assert.Equal(main, await MainAsync());
        Assert.IsType<MergeOutcome.Merged>(await MergeAsync(Approved));
        Assert.NotEqual(main, await MainAsync());
    }

    [Fact]
    public async Task Merge_OfAChangeUnderAConfiguredProtectedPath_WaitsForAPerson()
    {
        await TaskCommitAsync("deploy", ("deploy/run.sh", File("echo\n")), ("agents/dev-1.yaml", File("name: dev-1\n")));
        var rules = new LandingRules(new ProtectedPaths(["deploy/"]), PersonApproved: false);

        var outcome = await merger.MergeAsync(Task1, "main", [], TimeSpan.FromSeconds(30), rules, CancellationToken.None);

        Assert.Equal(["agents/dev-1.yaml", "deploy/run.sh"], Assert.IsType<MergeOutcome.NeedsApproval>(outcome).Paths.Order(StringComparer.Ordinal));
    }

    private Task<MergeOutcome> MergeAsync(LandingRules rules) =>
        merger.MergeAsync(Task1, "main", [], TimeSpan.FromSeconds(30), rules, CancellationToken.None);

    private async Task<string> MainAsync() => (await repository.RunAsync("rev-parse", "main")).Trim();

    private static Entry Link(string target) => new(target, "120000");

    private static Entry File(string content) => new(content, "100644");

    private static Entry Executable(string content) => new(content, "100755");

    private Task TaskCommitAsync(string message, params (string Path, Entry? Entry)[] entries) =>
        CommitAsync("task/" + Task1, message, entries);

    // Commits straight into the branch's tree with plumbing (no checkout): modes and link targets exactly as given.
    private async Task CommitAsync(string branch, string message, params (string Path, Entry? Entry)[] entries)
    {
        var exists = (await repository.Git.RunAsync(["rev-parse", "--verify", "-q", "refs/heads/" + branch], null, CancellationToken.None)).ExitCode == 0;
        var parent = exists ? branch : "main";
        var index = Path.Combine(repository.Root, ".git", "guard-test-index");
        var env = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index };
        await Run(env, "read-tree", parent);
        foreach (var (path, entry) in entries)
        {
            if (entry is null)
            {
                await Run(env, "update-index", "--force-remove", path);
                continue;
            }

            var blob = (await repository.Git.OutputAsync(["hash-object", "-w", "--stdin"], CancellationToken.None, System.Text.Encoding.UTF8.GetBytes(entry.Content))).Trim();
            await Run(env, "update-index", "--add", "--cacheinfo", $"{entry.Mode},{blob},{path}");
        }

        var tree = (await Run(env, "write-tree")).Trim();
        var commit = (await Run(env, "-c", "user.name=dev-1", "-c", "user.email=dev-1@example.invalid", "commit-tree", tree, "-p", parent, "-m", message)).Trim();
        await Run(env, "update-ref", "refs/heads/" + branch, commit);
        if (branch == "main")
        {
            await repository.RunAsync("reset", "-q", "--hard"); // the person's checkout follows main
        }

        System.IO.File.Delete(index);
    }

    private async Task<string> Run(IReadOnlyDictionary<string, string> env, params string[] arguments)
    {
        var result = await repository.Git.RunAsync(arguments, null, env, CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput;
    }

    private sealed record Entry(string Content, string Mode);
}
