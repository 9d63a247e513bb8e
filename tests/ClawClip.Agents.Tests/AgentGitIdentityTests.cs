using System.Text.Json.Nodes;
using ClawClip.Core.Agents;
using ClawClip.FakeModel;
using ClawClip.Processes;

namespace ClawClip.Agents.Tests;

/// <summary>
/// An agent's git answers with the agent's identity, never the person's: a person whose global git config names them
/// (given through <c>GIT_CONFIG_GLOBAL</c>, which the agent's file lists, so that the person's config is really in
/// reach) runs a <c>command</c> agent and the real Claude Code CLI; each control run, without the identity variables,
/// shows the person's name getting through, so the tests can fail.
/// </summary>
public sealed class AgentGitIdentityTests : IDisposable
{
    private const string PersonName = "Zelda Quixotepersonal";
    private const string PersonEmail = "zelda.quixote@person.example";

    private static readonly AgentIdentity Agent = new("dev-1 (claw.clip agent)", "dev-1@agents.clawclip.invalid");

    // Runs `git config user.name` and `git config user.email`, commits, and reports what git said.
    private const string GitAgent = """
        set -e
        cat >/dev/null
        name=$(git config user.name)
        email=$(git config user.email)
        echo change >> change.txt
        git add change.txt
        git commit -q -m "the agent's commit"
        printf '{"is_error":false,"result":"%s <%s>"}' "$name" "$email"
        """;

    private readonly string root = Directory.CreateTempSubdirectory("clawclip-identity-").FullName;
    private readonly ProcessRunner runner = new();

    public AgentGitIdentityTests()
    {
        Repository = Directory.CreateDirectory(Path.Combine(root, "repo")).FullName;
        Home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        PersonConfig = Path.Combine(root, "person.gitconfig");
        File.WriteAllText(PersonConfig, $"[user]\n\tname = {PersonName}\n\temail = {PersonEmail}\n[commit]\n\tgpgsign = false\n");
    }

    private string Repository { get; }

    private string Home { get; }

    /// <summary>The person's global git config (never the machine's real one).</summary>
    private string PersonConfig { get; }

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal); // git writes its objects read-only
        }

        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Variables_NameTheAgentAsAuthorCommitterAndConfiguredUser()
    {
        var variables = AgentGitIdentity.Variables(Agent);

        Assert.Equal(Agent.Name, variables["GIT_AUTHOR_NAME"]);
        Assert.Equal(Agent.Email, variables["GIT_COMMITTER_EMAIL"]);
        Assert.Equal("2", variables["GIT_CONFIG_COUNT"]);
        Assert.Equal(("user.name", Agent.Name), (variables["GIT_CONFIG_KEY_0"], variables["GIT_CONFIG_VALUE_0"]));
        Assert.Equal(("user.email", Agent.Email), (variables["GIT_CONFIG_KEY_1"], variables["GIT_CONFIG_VALUE_1"]));
    }

    [Fact]
    public void AgentEnvironment_WhenTheAgentsFileListsAGitIdentityVariable_StillGivesTheAgentsOwn()
    {
        var definition = Definition(AgentRuntime.Command, ["GIT_CONFIG_COUNT", "GIT_AUTHOR_NAME"]);
        var daemon = new Dictionary<string, string> { ["GIT_CONFIG_COUNT"] = "0", ["GIT_AUTHOR_NAME"] = PersonName };

        var environment = AgentEnvironment.For(definition, name => daemon.GetValueOrDefault(name));

        Assert.Equal("2", environment["GIT_CONFIG_COUNT"]);
        Assert.Equal(Agent.Name, environment["GIT_AUTHOR_NAME"]);
    }

    [Fact]
    public async Task CommandAgent_AskingGitWhoItIsAndCommitting_IsTheAgent_ThoughThePersonsGlobalConfigIsInReach()
    {
        await InitRepositoryAsync();
        var definition = Definition(AgentRuntime.Command, ["GIT_CONFIG_GLOBAL"]);
        var environment = AgentEnvironment.For(definition, Daemon());

        var result = await RunCommandAsync(environment);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal($"{Agent.Name} <{Agent.Email}>", result.Result);
        Assert.Equal($"{Agent.Name} <{Agent.Email}>|{Agent.Name} <{Agent.Email}>", (await GitAsync("log", "-1", "--format=%an <%ae>|%cn <%ce>")).Trim());

        // The control: the same agent without the identity variables is told the person's name, and commits as them.
        var control = await RunCommandAsync(WithoutIdentity(environment));
        Assert.True(control.Succeeded, control.Failure);
        Assert.Equal($"{PersonName} <{PersonEmail}>", control.Result);
        Assert.Equal($"{PersonName} <{PersonEmail}>", (await GitAsync("log", "-1", "--format=%an <%ae>")).Trim());
    }

    [Fact]
    public async Task ClaudeCode_NeverSendsTheModelThePersonsName_NeitherAsItsGitUserNorFromGitItRuns()
    {
        await InitRepositoryAsync();
        var commit = Path.Combine(Repository, "hello.txt");
        FakeModelReply Script(FakeModelRequest request) => request.AssistantMessageCount switch
        {
            0 => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git config user.name && git config user.email", ["description"] = "Who am I" }),
            1 => FakeModelReply.ToolUse("Write", new JsonObject { ["file_path"] = commit, ["content"] = "hello\n" }),
            2 => FakeModelReply.ToolUse("Bash", new JsonObject { ["command"] = "git add hello.txt && git commit -m 'Add hello.txt'", ["description"] = "Commit it" }),
            _ => FakeModelReply.Text("Committed."),
        };
        await using var model = await FakeModelServer.StartAsync(Script);
        var offline = ClaudeCodeCli.OfflineEnvironment(model.BaseAddress, Home);
        var definition = Definition(AgentRuntime.Claude, [.. offline.Keys, "GIT_CONFIG_GLOBAL"]);
        var environment = AgentEnvironment.For(definition, name => offline.TryGetValue(name, out var value) ? value : Daemon()(name));

        var result = await RunClaudeAsync(environment);

        Assert.True(result.Succeeded, result.Failure);
        var bodies = model.Requests.Select(r => r.Body?.GetRawText() ?? string.Empty).ToArray();
        Assert.NotEmpty(bodies);
        Assert.All(bodies, body => Assert.DoesNotContain("Quixote", body, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(model.MainRequests.SelectMany(r => r.ToolResults), r => r.Raw.GetRawText().Contains(Agent.Email, StringComparison.Ordinal));
        Assert.Equal($"{Agent.Name} <{Agent.Email}>", (await GitAsync("log", "-1", "--format=%an <%ae>")).Trim());

        // The control: without the identity variables, the person's name reaches the model.
        await using var control = await FakeModelServer.StartAsync(Script);
        var controlOffline = ClaudeCodeCli.OfflineEnvironment(control.BaseAddress, Home);
        var leaked = await RunClaudeAsync(WithoutIdentity(new Dictionary<string, string>(controlOffline) { ["GIT_CONFIG_GLOBAL"] = PersonConfig }));
        Assert.True(leaked.Succeeded, leaked.Failure);
        Assert.Contains(control.Requests, r => (r.Body?.GetRawText() ?? string.Empty).Contains(PersonName, StringComparison.Ordinal));
    }

    private static AgentDefinition Definition(AgentRuntime runtime, IReadOnlyList<string> environmentNames) => new(
        AgentId.Parse("dev-1"), AgentRole.Dev, runtime, runtime == AgentRuntime.Claude ? "sonnet" : null, runtime == AgentRuntime.Claude ? [] : ["/bin/sh"], [], null, 1, [], Agent, environmentNames);

    private static Dictionary<string, string> WithoutIdentity(IReadOnlyDictionary<string, string> environment) =>
        environment.Where(v => !AgentGitIdentity.Variables(Agent).ContainsKey(v.Key)).ToDictionary(StringComparer.Ordinal);

    // The daemon's variables: this process's PATH, the test's HOME, and the person's global git config.
    private Func<string, string?> Daemon() => name => name switch
    {
        "HOME" => Home,
        "GIT_CONFIG_GLOBAL" => PersonConfig,
        _ => Environment.GetEnvironmentVariable(name),
    };

    private Task<AgentRunResult> RunCommandAsync(IReadOnlyDictionary<string, string> environment) =>
        new CommandRuntime("/bin/sh", ["-c", GitAgent], runner, AgentHome()).RunAsync(Request(environment), CancellationToken.None);

    private Task<AgentRunResult> RunClaudeAsync(IReadOnlyDictionary<string, string> environment) =>
        new ClaudeCodeRuntime("sonnet", runner, AgentHome(), ClaudeCodeCli.RequirePath()).RunAsync(
            Request(environment, TierPolicy.For(Tier.Senior)) with { NewSessionId = Guid.NewGuid().ToString() }, CancellationToken.None);

    // The agent's own home beside the person's, with the person's global config readable in its sandbox: in reach, as the test says.
    private AgentSandbox AgentHome() => new(Path.Combine(root, "agent-home"), readablePaths: [PersonConfig]);

    private AgentRunRequest Request(IReadOnlyDictionary<string, string> environment, TierPolicy? policy = null) =>
        new(AgentId.Parse("dev-1"), "Say who you are in git, then add hello.txt and commit it.", "You are dev-1.", Repository, environment, policy ?? TierPolicy.For(Tier.Intern), TimeSpan.FromSeconds(90));

    // A repository with one commit by its setup and no identity of its own: who git says the user is comes from outside.
    private async Task InitRepositoryAsync()
    {
        await GitAsync("init", "-q", "-b", "main");
        await GitAsync("-c", "user.name=setup", "-c", "user.email=setup@test.invalid", "commit", "-q", "--allow-empty", "-m", "start");
    }

    private async Task<string> GitAsync(params string[] arguments)
    {
        var spec = ProcessSpec.Create("git", arguments) with
        {
            WorkingDirectory = Repository,
            Environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
                ["HOME"] = Home,
                ["GIT_CONFIG_NOSYSTEM"] = "1",
                ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            },
        };
        return (await runner.RunAsync(spec, CancellationToken.None)).EnsureSuccess(spec).StandardOutput;
    }
}
