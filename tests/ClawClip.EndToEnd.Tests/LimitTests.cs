using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// <c>clawclip submit</c> refuses a task over its limits — a title over 200 characters, a spec over 64 KiB, more than
/// 20 acceptance criteria or one over 500 characters — with exit code 2 and a message naming the limit, and not one
/// byte changes anywhere.
/// </summary>
public sealed class LimitTests : IAsyncLifetime, IDisposable
{
    private readonly TempGitRepository repository = new();

    public async Task InitializeAsync() => await Clawclip.OkAsync(repository.Root, "init");

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task Submit_ASpecFileOver64KiB_IsRefusedNamingTheFileAndTheLimit_BeforeItIsRead()
    {
        var file = Path.Combine(repository.Root, "..", Path.GetFileName(repository.Root) + "-spec.md");
        await File.WriteAllTextAsync(file, new string('x', (64 * 1024) + 1));
        try
        {
            await AssertRefusedAsync(["submit", "--title", "Big", "--spec-file", file], file, "the spec file is 65537 bytes; a task's spec is at most 65536 bytes (64 KiB)");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Submit_ASpecOf64KiBExactly_IsTaken()
    {
        var file = Path.Combine(repository.Root, "..", Path.GetFileName(repository.Root) + "-spec.md");
        await File.WriteAllTextAsync(file, new string('x', 64 * 1024));
        try
        {
            var id = (await Clawclip.OkAsync(repository.Root, "submit", "--title", "Just fits", "--spec-file", file)).Trim();
            Assert.Equal("T-0001", id);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Submit_ASpecTextOver64KiB_IsRefusedNamingTheLimit() =>
        await AssertRefusedAsync(["submit", "--title", "Big", "--spec", new string('x', 70_000)], "spec", "the spec is 70000 bytes; a task's spec is at most 65536 bytes (64 KiB)");

    [Fact]
    public async Task Submit_ATitleOver200Characters_IsRefusedNamingTheLimit() =>
        await AssertRefusedAsync(["submit", "--title", new string('t', 201)], "title", "a task title is one line of at most 200 characters (this one has 201)");

    [Fact]
    public async Task Submit_MoreThan20AcceptanceCriteria_OrOneOver500Characters_IsRefusedNamingTheLimit()
    {
        await AssertRefusedAsync(["submit", "--title", "Many", .. Enumerable.Range(1, 21).SelectMany(i => new[] { "--acceptance", $"criterion {i}" })], "acceptance", "21 acceptance criteria; a task has at most 20");
        await AssertRefusedAsync(["submit", "--title", "Long", "--acceptance", new string('y', 501)], "acceptance", "acceptance criterion 1 has 501 characters; each is at most 500");
    }

    private async Task AssertRefusedAsync(string[] command, string names, string problem)
    {
        var before = StateTree.Snapshot(repository.Root);
        var branchBefore = repository.Git("rev-parse", "clawclip/state");

        var (exitCode, _, error) = await Clawclip.RunAsync(repository.Root, command);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(names, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Equal(before, StateTree.Snapshot(repository.Root));
        Assert.Equal(branchBefore, repository.Git("rev-parse", "clawclip/state"));
    }
}
