using ClawClip.Core.Tasks;
using ClawClip.Git.Tests.Support;
using ClawClip.Processes;

namespace ClawClip.Git.Tests;

public sealed class CloneChecksTests : IAsyncLifetime, IDisposable
{
    private readonly TempRepository repository = new();
    private readonly string personsHome = Directory.CreateTempSubdirectory("clawclip-person-").FullName;
    private GitWorktrees clones = null!;
    private Worktree clone = null!;

    public async Task InitializeAsync()
    {
        await TempRepository.CommitAsync(repository.Root, "README.md", "hello\n", "first", "person");
        await File.WriteAllTextAsync(Path.Combine(personsHome, "canary"), "the person's\n");
        clones = new GitWorktrees(repository.Git, repository.Clones);
        clone = await clones.EnsureAsync(TaskId.Parse("T-0001"), "main", CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        repository.Dispose();
        Directory.Delete(personsHome, recursive: true);
    }

    [Fact]
    public async Task Checks_RunInTheClone_WithTheirOwnHome_AndReachNeitherTheRepositoryNorThePersonsHome()
    {
        var home = Path.Combine(repository.Homes, "checks");
        var attack = $"echo x >> {personsHome}/canary; echo planted > {repository.Root}/planted.txt; true";
        IReadOnlyList<string> check = ["/bin/sh", "-c", $"{attack}; test \"$HOME\" = {home} && test -d \"$NUGET_PACKAGES\" -o ! -e \"$NUGET_PACKAGES\" && echo built > out.txt && git log -1 --format=%s && mkdir -p \"$HOME/.cache\" && test ! -e {personsHome}/canary"];
        var checks = new CloneChecks(new ProcessRunner(), clones, [check], Environment(), TimeSpan.FromSeconds(30), home);

        var report = await checks.RunAsync(clone.Path, null, CancellationToken.None);

        Assert.True(report.Passed, report.Output);
        Assert.True(File.Exists(Path.Combine(clone.Path, "out.txt"))); // the clone is the checks' to write
        Assert.True(Directory.Exists(Path.Combine(home, ".cache"))); // and so is their home, kept between runs
        Assert.Equal("the person's\n", await File.ReadAllTextAsync(Path.Combine(personsHome, "canary")));
        Assert.False(File.Exists(Path.Combine(repository.Root, "planted.txt")));

        // The same commands, unconfined, reach both: the sandbox, not the script, kept them out.
        await new CommandChecks(new ProcessRunner(), [["/bin/sh", "-c", attack]], Environment(), TimeSpan.FromSeconds(30)).RunAsync(clone.Path, null, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(repository.Root, "planted.txt")));
        Assert.NotEqual("the person's\n", await File.ReadAllTextAsync(Path.Combine(personsHome, "canary")));
    }

    private Dictionary<string, string> Environment() => new() { ["PATH"] = "/usr/bin:/bin", ["HOME"] = personsHome };
}
