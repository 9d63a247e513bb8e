using ClawClip.Agents;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary><c>clawclip init</c> as a new user meets it, in real repositories of each kind (just their marker files).</summary>
public sealed class InitTests : IDisposable
{
    private readonly TempGitRepository repository = new();

    public void Dispose() => repository.Dispose();

    public static TheoryData<string, string[], string?, string> Kinds => new()
    {
        // files (name=content, one per entry), the build and test guessed ("|" between arguments)
        { "dotnet solution", ["App.sln=", "src/App/App.csproj=<Project />"], "dotnet|build|App.sln", "dotnet|test|App.sln" },
        { "dotnet project", ["App.csproj=<Project />"], "dotnet|build", "dotnet|test" },
        { "dotnet project in a folder", ["src/Lib/Lib.csproj=<Project />"], "dotnet|build|src/Lib/Lib.csproj", "dotnet|test|src/Lib/Lib.csproj" },
        { "npm with a test script", ["package.json={\"scripts\":{\"build\":\"tsc\",\"test\":\"jest\"}}"], "npm|run|build", "npm|test" },
        { "python with pytest", ["pyproject.toml=[tool.pytest.ini_options]\naddopts = \"-q\"\n", "tests/test_app.py="], null, "python3|-m|pytest" },
        { "python with tests only", ["tests/test_app.py=import unittest\n"], null, "python3|-m|unittest|discover|-s|tests" },
        { "cargo", ["Cargo.toml=[package]\nname = \"app\"\n"], "cargo|build", "cargo|test" },
        { "go", ["go.mod=module example.com/app\n"], "go|build|./...", "go|test|./..." },
        { "make with a test target", ["Makefile=build test: deps\n\techo ok\n"], "make|build", "make|test" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Init_WritesAClawclipYamlWhoseChecksAreGuessedFromTheRepository(string kind, string[] files, string? build, string test)
    {
        foreach (var file in files)
        {
            var (name, content) = (file[..file.IndexOf('=', StringComparison.Ordinal)], file[(file.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var path = Path.Combine(repository.Root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, content);
        }

        var output = await Clawclip.OkAsync(repository.Root, "init");

        var config = RepositoryConfigLoader.Load(Path.Combine(repository.Root, "clawclip.yaml"));
        Assert.True(build == (config.BuildCommand is { } b ? string.Join('|', b) : null), $"{kind}: build {string.Join(' ', config.BuildCommand ?? [])}");
        Assert.Equal(test, string.Join('|', config.TestCommand ?? []));
        Assert.Contains("clawclip.yaml with checks guessed from", output, StringComparison.Ordinal);
        Assert.StartsWith("# claw.clip's settings for this repository", await File.ReadAllTextAsync(Path.Combine(repository.Root, "clawclip.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_InARepositoryWithNothingToGuessFrom_WritesAYamlThatSaysWhatToFillIn_AndHasNoChecks()
    {
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "notes.txt"), "just notes\n");
        var npmPlaceholder = """{"scripts":{"test":"echo \"Error: no test specified\" && exit 1"}}""";
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "package.json"), npmPlaceholder);

        var output = await Clawclip.OkAsync(repository.Root, "init");

        var text = await File.ReadAllTextAsync(Path.Combine(repository.Root, "clawclip.yaml"));
        Assert.Contains("No build or test command could be guessed", text, StringComparison.Ordinal);
        Assert.Contains("Fill in yours", text, StringComparison.Ordinal);
        var config = RepositoryConfigLoader.Load(Path.Combine(repository.Root, "clawclip.yaml"));
        Assert.Null(config.BuildCommand);
        Assert.Null(config.TestCommand);
        Assert.Contains("with no checks (none could be guessed: fill them in)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_WritesExampleAgentsWithNoProjectSkills_AndKeepsDotClawclipOutOfGitStatusFromTheStart()
    {
        await Clawclip.OkAsync(repository.Root, "init");

        var dev = await File.ReadAllTextAsync(Path.Combine(repository.Root, "agents", "dev-1.yaml"));
        Assert.Contains("\nskills: []\n", dev, StringComparison.Ordinal);
        Assert.DoesNotContain("csharp", dev, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(repository.Root, "agents", "qa-1.yaml")));
        Assert.True(File.Exists(Path.Combine(repository.Root, "agents", "prompts", "dev.md")));
        var team = AgentDefinitionLoader.LoadAll(Path.Combine(repository.Root, "agents"));
        Assert.Equal(["dev-1", "planner", "qa-1"], team.Select(a => a.Name.Value).Order(StringComparer.Ordinal));
        Assert.Empty(team.Single(a => a.Name.Value == "dev-1").Skills);

        // What the daemon writes there (logs, the kick file) never shows in the person's status.
        Directory.CreateDirectory(Path.Combine(repository.Root, ".clawclip", "logs"));
        await File.WriteAllTextAsync(Path.Combine(repository.Root, ".clawclip", "logs", "daemon-20261203.json"), "{}\n");
        await File.WriteAllTextAsync(Path.Combine(repository.Root, ".clawclip", "kick"), "now\n");
        Assert.DoesNotContain(".clawclip", repository.Git("status", "--porcelain", "--untracked-files=all"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_NeverOverwritesAClawclipYamlOrAnAgentFile_AndAddsNoExampleToAnExistingTeam()
    {
        var config = Path.Combine(repository.Root, "clawclip.yaml");
        await File.WriteAllTextAsync(config, "checks:\n  test: [./run-tests]\n");
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "go.mod"), "module example.com/app\n");
        Directory.CreateDirectory(Path.Combine(repository.Root, "agents"));
        var mine = Path.Combine(repository.Root, "agents", "dev-1.yaml");
        await File.WriteAllTextAsync(mine, "name: dev-1\nrole: dev\n");

        await Clawclip.OkAsync(repository.Root, "init");
        await Clawclip.OkAsync(repository.Root, "init");

        Assert.Equal("checks:\n  test: [./run-tests]\n", await File.ReadAllTextAsync(config));
        Assert.Equal("name: dev-1\nrole: dev\n", await File.ReadAllTextAsync(mine));
        Assert.Equal(["dev-1.yaml"], Directory.EnumerateFileSystemEntries(Path.Combine(repository.Root, "agents")).Select(Path.GetFileName));
    }
}
