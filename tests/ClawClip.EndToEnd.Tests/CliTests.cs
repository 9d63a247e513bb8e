using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

public sealed class CliTests : IDisposable
{
    private readonly TempGitRepository repository = new();

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task Log_ReadsAsATrailOfWhoDecidedWhatUnderWhichRule_NeverThePersonsIdentity()
    {
        var root = repository.Root;
        await Clawclip.OkAsync(root, "init");
        await Clawclip.OkAsync(root, "submit", "--title", "Write the parser", "--skill", "csharp", "--priority", "80");
        await Clawclip.OkAsync(root, "submit", "--title", "Write docs");
        Assert.Equal("T-0001", (await Clawclip.OkAsync(root, "claim", "--agent", "dev-1", "--skill", "csharp")).Trim());
        await Clawclip.OkAsync(root, "transition", "T-0001", "--to", "running", "--agent", "dev-1", "--reason", "worktree ready", "--policy", "dev.start");
        await Clawclip.OkAsync(root, "claim", "--agent", "dev-2");
        await Clawclip.OkAsync(root, "release", "T-0002", "--reason", "needed elsewhere");
        await Clawclip.OkAsync(root, "stop", "--reason", "budget check");
        await Clawclip.OkAsync(root, "resume");

        var trail = repository.Git("log", "clawclip/state", "--format=%an|%cn|%s|%(trailers:key=Policy,valueonly,separator=)")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            [
                "human|claw.clip|emergency stop lifted: claims allowed|emergency-stop",
                "human|claw.clip|emergency stop: claims refused|emergency-stop",
                "dev-2|claw.clip|T-0002 claimed → backlog|release.manual",
                "dev-2|claw.clip|T-0002 backlog → claimed|claim.priority-and-skills",
                "dev-1|claw.clip|T-0001 claimed → running|dev.start",
                "dev-1|claw.clip|T-0001 backlog → claimed|claim.priority-and-skills",
                "human|claw.clip|T-0002 submitted|intake.submit",
                "human|claw.clip|T-0001 submitted|intake.submit",
                "claw.clip|claw.clip|state folder initialized|init",
            ],
            trail);
        Assert.DoesNotContain("Test Person", repository.Git("log", "clawclip/state", "--format=%an %ae %cn %ce"), StringComparison.Ordinal);

        var claim = repository.Git("log", "clawclip/state", "--grep=T-0001 backlog → claimed", "--format=%B");
        Assert.Contains("Task: T-0001", claim, StringComparison.Ordinal);
        Assert.Contains("Agent: dev-1", claim, StringComparison.Ordinal);
        Assert.Contains("Tier: intern", claim, StringComparison.Ordinal);
        Assert.Contains("Attempt: 1", claim, StringComparison.Ordinal);
        Assert.Contains("Data: tasks/backlog/00/T-0001.json", claim, StringComparison.Ordinal);

        // The user's own branch and index are untouched: only the lineage ref moved.
        Assert.Equal("initial", repository.Git("log", "-1", "--format=%s", "main").Trim());
    }

    [Fact]
    public async Task ExitCodes_AreTheDocumentedOnes()
    {
        var root = repository.Root;
        Assert.Equal(8, (await Clawclip.RunAsync(root, "status")).ExitCode); // not initialized
        await Clawclip.OkAsync(root, "init");
        Assert.Equal(3, (await Clawclip.RunAsync(root, "claim", "--agent", "dev-1")).ExitCode); // nothing to claim
        await Clawclip.OkAsync(root, "submit", "--title", "a task");
        await Clawclip.OkAsync(root, "stop", "--reason", "halt");
        Assert.Equal(4, (await Clawclip.RunAsync(root, "claim", "--agent", "dev-1")).ExitCode); // stopped
        await Clawclip.OkAsync(root, "resume");
        Assert.Equal(0, (await Clawclip.RunAsync(root, "claim", "--agent", "dev-1")).ExitCode);

        var illegal = await Clawclip.RunAsync(root, "transition", "T-0001", "--to", "done", "--agent", "dev-1", "--reason", "skip the review");
        Assert.Equal(6, illegal.ExitCode);
        Assert.Contains("claimed → done is not an allowed transition", illegal.Error, StringComparison.Ordinal);

        Assert.Equal(5, (await Clawclip.RunAsync(root, "show", "T-0042")).ExitCode);
        Assert.Equal(2, (await Clawclip.RunAsync(root, "claim")).ExitCode); // --agent missing
        Assert.Equal(2, (await Clawclip.RunAsync(root, "submit", "--title", "x", "--priority", "500")).ExitCode);

        var outside = Path.Combine(Path.GetTempPath(), "clawclip-not-a-repo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outside);
        try
        {
            Assert.Equal(8, (await Clawclip.RunAsync(outside, "init")).ExitCode);
        }
        finally
        {
            Directory.Delete(outside);
        }
    }

    [Fact]
    public async Task Reap_ReturnsAClaimWhoseLeaseExpired_AndFailsItPastItsAttempts()
    {
        var root = repository.Root;
        await Clawclip.OkAsync(root, "init");
        await Clawclip.OkAsync(root, "submit", "--title", "flaky", "--max-attempts", "2");

        // A zero lease has expired the moment it is taken: no waiting needed to see the reaper act.
        await Clawclip.OkAsync(root, "claim", "--agent", "dev-1", "--lease", "0s");
        Assert.Contains("requeued 1 (T-0001)", await Clawclip.OkAsync(root, "reap"), StringComparison.Ordinal);
        await Clawclip.OkAsync(root, "claim", "--agent", "dev-1", "--lease", "0s");
        Assert.Contains("failed 1 (T-0001)", await Clawclip.OkAsync(root, "reap"), StringComparison.Ordinal);

        var show = await Clawclip.OkAsync(root, "show", "T-0001");
        Assert.Contains("status failed", show, StringComparison.Ordinal);
        Assert.Contains("[reap.max-attempts]", show, StringComparison.Ordinal);
        Assert.Contains("\"task\": null", await File.ReadAllTextAsync(Path.Combine(root, "state/agents/dev-1/current-task.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusJson_ListsTheThreeQueuesWithCounts()
    {
        var root = repository.Root;
        await Clawclip.OkAsync(root, "init");
        await Clawclip.OkAsync(root, "submit", "--title", "one");
        await Clawclip.OkAsync(root, "submit", "--title", "two");
        await Clawclip.OkAsync(root, "claim", "--agent", "dev-1");

        using var status = System.Text.Json.JsonDocument.Parse(await Clawclip.OkAsync(root, "status", "--json"));
        var queues = status.RootElement.GetProperty("queues");
        Assert.Equal(1, queues.GetProperty("intake").GetProperty("count").GetInt32());
        Assert.Equal(1, queues.GetProperty("active").GetProperty("count").GetInt32());
        Assert.Equal(0, queues.GetProperty("completed").GetProperty("count").GetInt32());
        Assert.Equal("dev-1", queues.GetProperty("active").GetProperty("tasks")[0].GetProperty("holder").GetString());
    }

    [Fact]
    public async Task Merge_LandsWhatPassesTheGateOfClawclipYaml_AndBouncesWhatFails()
    {
        var root = repository.Root;
        await File.WriteAllTextAsync(Path.Combine(root, "clawclip.yaml"), "checks:\n  build: [/bin/sh, -c, 'test ! -f broken.txt']\n");
        await Clawclip.OkAsync(root, "init");
        repository.Git("add", "-A");
        repository.Git("commit", "-q", "-m", "set up claw.clip");
        foreach (var (id, file) in new[] { ("T-0001", "feature.txt"), ("T-0002", "broken.txt") })
        {
            await Clawclip.OkAsync(root, "submit", "--title", file);
            await Clawclip.OkAsync(root, "claim", "--agent", "dev-1", "--task", id);
            repository.Git("branch", $"task/{id}", "main");
            repository.Git("worktree", "add", "-q", Path.Combine(root, ".git", id), $"task/{id}");
            await File.WriteAllTextAsync(Path.Combine(root, ".git", id, file), "work\n");
            repository.Git("-C", Path.Combine(root, ".git", id), "add", file);
            repository.Git("-C", Path.Combine(root, ".git", id), "commit", "-q", "-m", $"add {file}");
            repository.Git("worktree", "remove", Path.Combine(root, ".git", id));
            foreach (var to in new[] { "running", "review", "merging" })
            {
                await Clawclip.OkAsync(root, "transition", id, "--to", to, "--agent", "dev-1", "--reason", "onwards");
            }
        }

        var output = await Clawclip.OkAsync(root, "merge");

        Assert.Contains("T-0001  merged as", output, StringComparison.Ordinal);
        Assert.Contains("T-0002  `/bin/sh -c test ! -f broken.txt` exited 1: back to its dev", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "feature.txt"))); // the person's checkout of main moved forward
        Assert.False(File.Exists(Path.Combine(root, "broken.txt")));
        Assert.Contains("status done", await Clawclip.OkAsync(root, "show", "T-0001"), StringComparison.Ordinal);
        Assert.Contains("status running", await Clawclip.OkAsync(root, "show", "T-0002"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ShowsTheToolAtWork_OnAThrowawayRepository()
    {
        var home = Directory.CreateTempSubdirectory("clawclip-demo-home-").FullName;
        var output = await Clawclip.OkAsync(repository.Root, new Dictionary<string, string> { [TestHome.Variable] = home }, "demo");

        // Its clones and agents' homes were outside the throwaway repository, and went with it.
        Assert.Empty(Directory.EnumerateFileSystemEntries(home));
        Directory.Delete(home);

        // One task through dev → QA (one revise) → a person's approval (dev-1 is an intern) → merge.
        var lineage = output[output.IndexOf("$ git log clawclip/state", StringComparison.Ordinal)..];
        string[] story = ["T-0001 claimed → running | dev.start", "T-0001 running → review | dev.checks-passed", "T-0001 review → running | qa.revise", "T-0001 running → review | dev.checks-passed", "T-0001 review → needs-input | tier.intern-needs-approval", "T-0001 needs-input → merging | person.approve", "T-0001 merging → done | merge.gate-passed"];
        var at = 0;
        foreach (var step in story)
        {
            var found = lineage.IndexOf(step, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"the lineage lacks '{step}' after position {at}:\n{lineage}");
            at = found;
        }

        Assert.Contains("dev-1 (claw.clip agent): Punctuate the greeting as the spec says", output, StringComparison.Ordinal);
        Assert.Contains("\"successes_in_a_row\": 1", output, StringComparison.Ordinal);
    }
}
