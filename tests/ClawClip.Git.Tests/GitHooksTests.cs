using ClawClip.Git.Tests.Support;
using ClawClip.Processes;

namespace ClawClip.Git.Tests;

/// <summary>
/// Hooks and an fsmonitor planted in a repository, as an agent that reached <c>.git/</c> would plant them: none runs in
/// claw.clip's own git commands, while the same plant does run in a plain git command (so the plant itself works).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GitHooksTests : IDisposable
{
    private static readonly string[] Hooks =
    [
        "pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-checkout", "post-merge", "pre-rebase",
        "post-rewrite", "reference-transaction", "pre-auto-gc", "pre-merge-commit",
    ];

    private readonly TempRepository repository = new();
    private readonly string marker;

    public GitHooksTests()
    {
        marker = Path.Combine(repository.Root, "..", Path.GetFileName(repository.Root) + "-hook-ran");
    }

    public void Dispose()
    {
        File.Delete(marker);
        repository.Dispose();
    }

    [Fact]
    public async Task No_hook_and_no_fsmonitor_runs_in_claw_clips_git_commands()
    {
        await TempRepository.CommitAsync(repository.Root, "README.md", "one\n", "first", "person");
        await PlantAsync();

        await TempRepository.CommitAsync(repository.Root, "two.txt", "two\n", "second", "person");
        await repository.RunAsync("checkout", "-q", "-b", "side");
        await TempRepository.CommitAsync(repository.Root, "three.txt", "three\n", "third", "person");
        await repository.RunAsync("checkout", "-q", "main");
        await repository.RunAsync("-c", "user.name=p", "-c", "user.email=p@x.invalid", "merge", "-q", "--no-ff", "--no-edit", "side");
        await repository.RunAsync("update-ref", "refs/heads/moved", "HEAD");
        await repository.RunAsync("status", "--porcelain");
        var stream = "commit refs/heads/clawclip/state\ncommitter c <c@x.invalid> 0 +0000\ndata 3\nabc\ndone\n";
        await repository.Git.OutputAsync(["fast-import", "--quiet", "--done"], CancellationToken.None, System.Text.Encoding.UTF8.GetBytes(stream));

        Assert.False(File.Exists(marker), "a planted hook or fsmonitor ran: " + (File.Exists(marker) ? File.ReadAllText(marker) : ""));

        // The same plant, in a plain git command, runs: the test would see it.
        var plain = await new ProcessRunner().RunAsync(ProcessSpec.Create("git", "-C", repository.Root, "-c", "user.name=p", "-c", "user.email=p@x.invalid", "commit", "-q", "--allow-empty", "-m", "plain").WithEnvironmentFromParent("PATH", "HOME"), CancellationToken.None);
        Assert.Equal(0, plain.ExitCode);
        Assert.True(File.Exists(marker), "the planted hooks do not run even in plain git: the test proves nothing");
    }

    private async Task PlantAsync()
    {
        var planted = Directory.CreateDirectory(Path.Combine(repository.Root, ".git", "planted")).FullName;
        foreach (var folder in new[] { Path.Combine(repository.Root, ".git", "hooks"), planted })
        {
            Directory.CreateDirectory(folder);
            foreach (var hook in Hooks)
            {
                var path = Path.Combine(folder, hook);
                await File.WriteAllTextAsync(path, $"#!/bin/sh\necho {hook} >> '{marker}'\n");
                File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
            }
        }

        var fsmonitor = Path.Combine(planted, "fsmonitor");
        await File.WriteAllTextAsync(fsmonitor, $"#!/bin/sh\necho fsmonitor >> '{marker}'\nexit 1\n");
        File.SetUnixFileMode(fsmonitor, (UnixFileMode)0b111_101_101);
        await repository.RunAsync("config", "core.hooksPath", planted);
        await repository.RunAsync("config", "core.fsmonitor", fsmonitor);
    }
}
