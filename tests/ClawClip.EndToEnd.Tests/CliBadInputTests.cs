using System.Text;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>Bad input: a clear error naming the file and the problem, and not one byte changed anywhere.</summary>
public sealed class CliBadInputTests : IAsyncLifetime, IDisposable
{
    private readonly TempGitRepository repository = new();

    public async Task InitializeAsync()
    {
        await Clawclip.OkAsync(repository.Root, "init");
        await Clawclip.OkAsync(repository.Root, "submit", "--title", "first");
        await Clawclip.OkAsync(repository.Root, "submit", "--title", "second");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => repository.Dispose();

    [Theory]
    [InlineData("status")]
    [InlineData("claim", "--agent", "dev-9")]
    public async Task ATruncatedTaskFile_IsQuarantinedWithItsProblem_AndTheCommandGoesOn(params string[] command)
    {
        var path = Path.Combine(repository.Root, "state/tasks/backlog/00/T-0001.json");
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        await AssertQuarantinedAsync(command, exitCode: 0, "state/tasks/backlog/00/T-0001.json", "not a valid state file");
    }

    [Fact]
    public async Task ATaskFileOfAnotherSchema_IsQuarantinedWithTheSchemaItHas()
    {
        var path = Path.Combine(repository.Root, "state/tasks/backlog/00/T-0002.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("\"schema\": 1", "\"schema\": 2", StringComparison.Ordinal));

        await AssertQuarantinedAsync(["show", "T-0002"], exitCode: 5, "state/tasks/backlog/00/T-0002.json", "schema 2 is not supported");
    }

    [Fact]
    public async Task ATaskFileWhoseStatusDisagreesWithItsHistory_IsQuarantined()
    {
        var path = Path.Combine(repository.Root, "state/tasks/backlog/00/T-0002.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("\"status\": \"backlog\"", "\"status\": \"done\"", StringComparison.Ordinal));

        await AssertQuarantinedAsync(["show", "T-0002"], exitCode: 5, "state/tasks/backlog/00/T-0002.json", "\"status\" says done but the history ends in backlog");
    }

    [Fact]
    public async Task AnUnknownFolderUnderTasks_IsQuarantined_AndStatusGoesOn()
    {
        Directory.CreateDirectory(Path.Combine(repository.Root, "state/tasks/archive"));

        await AssertQuarantinedAsync(["status"], exitCode: 0, "state/tasks/archive", "unknown entry under tasks/");
    }

    [Theory]
    [InlineData("show", "../x")]
    [InlineData("transition", "../x", "--to", "running", "--agent", "dev-1", "--reason", "r")]
    [InlineData("claim", "--agent", "dev-1", "--task", "../../etc/passwd")]
    [InlineData("release", "T-1/../../x")]
    public async Task ATaskIdThatIsAPath_IsRefusedBeforeAnyFileIsTouched(params string[] command)
    {
        await AssertRefusedAsync(command, exitCode: 2, command.First(a => a.Contains("..", StringComparison.Ordinal)), "is not a task id");
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("90s")]
    [InlineData("9h")]
    [InlineData("soon")]
    public async Task ASubmitEstimateThatIsNotWholeMinutesInRange_IsRefused_AndNothingChanges(string estimate)
    {
        await AssertRefusedAsync(["submit", "--title", "Estimated", "--estimate", estimate], exitCode: 2, estimate, estimate == "soon" ? "is not a duration" : "give whole minutes from 1m to 8h");
    }

    [Fact]
    public async Task ATaskFileWithAnEstimateOutOfRange_IsQuarantinedWithItsProblem()
    {
        var path = Path.Combine(repository.Root, "state/tasks/backlog/00/T-0002.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("\"estimate_minutes\": null", "\"estimate_minutes\": 0", StringComparison.Ordinal));

        await AssertQuarantinedAsync(["show", "T-0002"], exitCode: 5, "state/tasks/backlog/00/T-0002.json", "estimate 0 minutes is out of range");
    }

    [Fact]
    public async Task AnAgentNameThatIsAPath_IsRefused()
    {
        await AssertRefusedAsync(["claim", "--agent", "../dev-1"], exitCode: 2, "../dev-1", "is not an agent name");
    }

    [Fact]
    public async Task AnAgentFileWithATypo_IsNamedWithItsLineAndTheFix_AndNothingChanges()
    {
        var path = Path.Combine(repository.Root, "agents", "dev-1.yaml");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("skills:", "skils:", StringComparison.Ordinal));

        await AssertRefusedAsync(["claim", "--agent", "dev-1"], exitCode: 7, "agents/dev-1.yaml:", "did you mean 'skills'?");
    }

    [Fact]
    public async Task ABinaryRoadmap_IsNamed_AndNothingChanges()
    {
        await File.WriteAllBytesAsync(Path.Combine(repository.Root, "ROADMAP.md"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);

        await AssertRefusedAsync(["goals"], exitCode: 7, "ROADMAP.md", "NUL");
    }

    [Fact]
    public async Task ATenMegabyteRoadmap_IsNamed_AndNothingChanges()
    {
        var line = "- [ ] a goal that repeats\n";
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "ROADMAP.md"), new StringBuilder().Insert(0, line, 10 * 1024 * 1024 / line.Length).ToString());

        await AssertRefusedAsync(["goals"], exitCode: 7, "ROADMAP.md", "the limit is 1 MB");
    }

    [Theory]
    [InlineData("list")]
    [InlineData("quote")]
    public async Task ARoadmapNestedAThousandLevels_IsNamed_AndTheProcessSurvives(string form)
    {
        var text = form == "list"
            ? string.Concat(Enumerable.Range(0, 1000).Select(i => new string(' ', 2 * i) + "- [ ] level " + i + "\n"))
            : new string('>', 1000) + " - [ ] deep\n";
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "ROADMAP.md"), text);

        await AssertRefusedAsync(["goals"], exitCode: 7, "ROADMAP.md", "deep");
    }

    [Fact]
    public async Task ARoadmapWithoutATaskList_SaysSo_AndListsNoGoals()
    {
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "ROADMAP.md"), "# Plans\n\nSome prose, no checkboxes.\n- a plain item\n");

        var output = await Clawclip.OkAsync(repository.Root, "goals");

        Assert.Contains("has no task-list items", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A bad file under state/ is no stop: the command exits as it would without it, the file is in state/quarantine/
    /// with its problem (status shows it), and every other task file is as it was.
    /// </summary>
    private async Task AssertQuarantinedAsync(string[] command, int exitCode, string origin, string problem)
    {
        var others = StateTree.Snapshot(Path.Combine(repository.Root, "state", "tasks"))
            .Where(f => !Path.Combine("state", "tasks", f.Key).Replace('\\', '/').StartsWith(origin, StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

        var (actualExit, _, error) = await Clawclip.RunAsync(repository.Root, command);

        Assert.True(exitCode == actualExit, $"exit {actualExit}: {error}");
        Assert.False(Path.Exists(Path.Combine(repository.Root, origin)));
        var status = await Clawclip.OkAsync(repository.Root, "status");
        Assert.Contains($"{origin} → state/quarantine/", status, StringComparison.Ordinal);
        Assert.Contains(problem, status, StringComparison.Ordinal);
        if (command[0] != "claim") // a claim moves the other task, as it should
        {
            Assert.Equal(others, StateTree.Snapshot(Path.Combine(repository.Root, "state", "tasks")));
        }

        Assert.Contains($"quarantined {origin}", repository.Git("log", "clawclip/state", "--format=%s"), StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(string[] command, int exitCode, string names, string problem)
    {
        var before = StateTree.Snapshot(repository.Root);
        var branchBefore = repository.Git("rev-parse", "clawclip/state");

        var (actualExit, _, error) = await Clawclip.RunAsync(repository.Root, command);

        Assert.Equal(exitCode, actualExit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(names, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Equal(before, StateTree.Snapshot(repository.Root));
        Assert.Equal(branchBefore, repository.Git("rev-parse", "clawclip/state"));
    }
}
