using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// Configuration is what the person committed: <c>clawclip run --once</c> reads <c>clawclip.yaml</c> and
/// <c>agents/*.yaml</c> from the tip of main, so an edit to the checkout — an agent's attack, or a person's draft —
/// neither weakens the checks nor hands an agent a secret; and <c>sandbox: off</c>, once committed, marks the lineage.
/// </summary>
public sealed class CommittedConfigurationTests : IAsyncLifetime
{
    private const string Secret = "AWS_SECRET_ACCESS_KEY";

    private static readonly Dictionary<string, string> DaemonSecret = new(StringComparer.Ordinal) { [Secret] = "canary-7f3e" };

    private ScriptedTeam team = null!;

    public async Task InitializeAsync() => team = await ScriptedTeam.CreateAsync();

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_AnUncommittedCheckOfBinTrueAndSecretForTheDev_ChangeNothing_UntilAPersonCommitsThem()
    {
        // As an agent that reached the checkout would: the build made harmless, itself given the daemon's secret.
        File.WriteAllText(Path.Combine(team.Root, "clawclip.yaml"), "checks:\n  build: [/bin/true]\n  test: [/bin/true]\n");
        File.AppendAllText(Path.Combine(team.Root, "agents", "dev-1.yaml"), $"env: [{Secret}]\n");
        var first = await team.SubmitAsync("Write the answer");
        team.Dev("1", LeakStep(1) + ScriptedTeam.Commit("answer.txt", "SYNTAX ERROR", "a broken answer"));
        team.Dev("2", LeakStep(2) + ScriptedTeam.Commit("answer.txt", "42", "fix the build"));

        await team.RunOnceAsync(DaemonSecret);

        // The committed build still failed the broken answer: the dev got it back, QA saw only the fix.
        Assert.Equal(2, team.Requests("dev").Count);
        Assert.Single(team.Requests("qa"));
        Assert.Contains("dev.checks-failed", await team.StoryAsync(first), StringComparison.Ordinal);
        Assert.Equal("none", Leaked(1));

        // The same edits, committed by a person, do take effect: the test above could have failed.
        team.Repository.Git("commit", "-q", "-am", "a person's own choice: no real checks, and the key for dev-1");
        var second = await team.SubmitAsync("Write another answer");
        team.Dev("3", LeakStep(3) + ScriptedTeam.Commit("other.txt", "SYNTAX ERROR", "a broken answer again"));

        await team.RunOnceAsync(DaemonSecret);

        Assert.Equal(3, team.Requests("dev").Count);
        Assert.Equal(2, team.Requests("qa").Count);
        Assert.DoesNotContain("dev.checks-failed", await team.StoryAsync(second), StringComparison.Ordinal);
        Assert.Equal("canary-7f3e", Leaked(3));
    }

    [Theory]
    [InlineData("clawclip.yaml", "checks:\n  test: [/bin/sh, checks/test.sh]\n\nsandbox: maybe\n", "main:clawclip.yaml:4: 'sandbox' is on (agents, checks and the merge gate run in this machine's sandbox) or off")]
    [InlineData("agents/dev-1.yaml", "name: dev-1\nrole: dev\nruntime: command\ncommand: [/bin/true]\nskils: [csharp]\n", "main:agents/dev-1.yaml:5: unknown key 'skils'; did you mean 'skills'?")]
    public async Task RunOnce_ABadCommittedFile_IsRefusedNamingTheBranchTheFileAndTheLine_WhateverTheWorkingCopySays(string file, string committed, string message)
    {
        var path = Path.Combine(team.Root, file);
        var good = File.ReadAllText(path);
        File.WriteAllText(path, committed);
        team.Repository.Git("commit", "-q", "-am", $"a mistake in {file}");
        File.WriteAllText(path, good); // fixed in the checkout only

        var (exitCode, _, error) = await Clawclip.RunAsync(team.Root, "run", "--once");

        Assert.Equal(7, exitCode);
        Assert.Contains($"error: {message}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_WithSandboxOffCommitted_EveryLineageCommitItWritesSaysSo_AndNoneDidBefore()
    {
        await team.SubmitAsync("Write the answer");
        await team.RunOnceAsync();
        Assert.All(Sandbox("clawclip/state"), s => Assert.Equal("", s)); // the sandbox was on: no mark

        team.Configure("sandbox: off\n", "agents run unconfined on this machine, for now");
        await team.SubmitAsync("Write another answer");
        var before = team.Repository.Git("rev-parse", "clawclip/state").Trim();

        await team.RunOnceAsync();

        var marks = Sandbox($"{before}..clawclip/state");
        Assert.True(marks.Count >= 4, $"the run wrote {marks.Count} lineage commit(s)");
        Assert.All(marks, s => Assert.Equal("off", s));
    }

    // A dev step's first line: what the dev's process sees of the secret, saved beside its requests.
    private static string LeakStep(int run) => $"echo \"${{{Secret}:-none}}\" > \"$here/leaked-{run}\"\n";

    private string Leaked(int run) => File.ReadAllText(Path.Combine(team.Scripts, $"leaked-{run}")).Trim();

    private List<string> Sandbox(string range) =>
        [.. team.Repository.Git("log", range, "--format=%(trailers:key=Sandbox,valueonly,separator=)|").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('|').Trim())];
}
