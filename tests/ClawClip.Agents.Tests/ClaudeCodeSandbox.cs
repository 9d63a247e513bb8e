using ClawClip.Core.Agents;
using ClawClip.FakeModel;
using ClawClip.Processes;

namespace ClawClip.Agents.Tests;

/// <summary>
/// A temporary place for one real Claude Code run or a few: a git repository with its own identity (the agent's
/// working directory) and a home for the CLI's configuration and sessions, both deleted afterwards.
/// </summary>
internal sealed class ClaudeCodeSandbox : IDisposable
{
    private readonly string root;
    private readonly ProcessRunner runner = new();

    private ClaudeCodeSandbox(string root)
    {
        this.root = root;
        Repository = Directory.CreateDirectory(Path.Combine(root, "repo")).FullName;
        Home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
    }

    /// <summary>The agent's working directory: a git repository on <c>main</c> with no commit yet.</summary>
    public string Repository { get; }

    /// <summary>HOME and, in it, CLAUDE_CONFIG_DIR of the CLI's process.</summary>
    public string Home { get; }

    public static async Task<ClaudeCodeSandbox> CreateAsync()
    {
        var sandbox = new ClaudeCodeSandbox(Directory.CreateTempSubdirectory("clawclip-claude-cli-").FullName);
        await sandbox.GitAsync("init", "-q", "-b", "main");
        await sandbox.GitAsync("config", "user.name", "dev-1");
        await sandbox.GitAsync("config", "user.email", "dev-1@agents.clawclip.invalid");
        await sandbox.GitAsync("config", "commit.gpgsign", "false");
        return sandbox;
    }

    /// <summary>Runs git in the repository and returns its standard output; throws if git fails.</summary>
    public async Task<string> GitAsync(params string[] arguments)
    {
        var spec = ProcessSpec.Create("git", arguments).WithEnvironmentFromParent("PATH") with { WorkingDirectory = Repository };
        return (await runner.RunAsync(spec, CancellationToken.None)).EnsureSuccess(spec).StandardOutput;
    }

    /// <summary>The runtime as claw.clip builds it, with <see cref="Home"/> as the agent's home in the machine's sandbox.</summary>
    public ClaudeCodeRuntime Runtime() => new("sonnet", runner, new AgentSandbox(Home), ClaudeCodeCli.RequirePath());

    /// <summary>A run in the repository, talking to <paramref name="model"/>, seeing only the offline environment.</summary>
    public AgentRunRequest Request(FakeModelServer model, string prompt, TierPolicy policy) => new(
        AgentId.Parse("dev-1"),
        prompt,
        "You are dev-1, a developer. Commit your work.",
        Repository,
        ClaudeCodeCli.OfflineEnvironment(model.BaseAddress, Home),
        policy,
        TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        // git writes its objects read-only, which some systems refuse to delete.
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(root, recursive: true);
    }
}
