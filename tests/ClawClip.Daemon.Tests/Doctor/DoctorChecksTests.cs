using ClawClip.Daemon.Doctor;

namespace ClawClip.Daemon.Tests.Doctor;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DoctorChecksTests : IDisposable
{
    private readonly DoctorRepository repository = new();

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task CommandAgent_WhoseProgramDoesNotExist_FailsNamingTheAgentAndTheFix()
    {
        repository.Agent("dev-1", command: "[agents/scripts/missing.sh]");

        var runtime = Single(await RunAsync(), "runtime");

        Assert.Equal(CheckStatus.Fail, runtime.Status);
        Assert.Equal("dev-1", runtime.Agent);
        Assert.Contains("dev-1's command cannot start", runtime.Finding, StringComparison.Ordinal);
        Assert.Contains("missing.sh", runtime.Finding, StringComparison.Ordinal);
        Assert.Contains("chmod +x", runtime.Fix, StringComparison.Ordinal);
        Assert.Contains("agents/dev-1.yaml", runtime.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandAgent_WhoseProgramIsNotOnItsPath_FailsSayingWhereItLooked()
    {
        repository.Agent("dev-1", command: "[no-such-program-here, --flag]");

        var runtime = Single(await RunAsync(), "runtime");

        Assert.Equal(CheckStatus.Fail, runtime.Status);
        Assert.Contains("no executable 'no-such-program-here' in any directory of PATH", runtime.Finding, StringComparison.Ordinal);
        Assert.Contains("install no-such-program-here", runtime.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthyRepository_WithACommandAgentOnPath_HasNoFailure()
    {
        repository.Agent("dev-1", command: "[sh, -c, 'exit 0']");

        var report = await new DoctorChecks(repository.Context()).RunAsync(CancellationToken.None);

        Assert.False(report.HasFailures, string.Join("\n", report.Results.Select(r => $"{r.Status} {r.Check}: {r.Finding}")));
        Assert.Equal(["git", "sandbox", "repository", "target-branch", "state", "lineage-branch", "config", "agents", "runtime", "state-write", "disk"], report.Results.Select(r => r.Check));
        Assert.Equal(CheckedBy.Command, report.CheckedBy);
        Assert.Empty(Directory.GetFiles(Path.Combine(repository.Root, "state"), ".doctor-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ClaudeAgent_WithNoAuthVariable_FailsWithTheFix()
    {
        repository.Agent("dev-1");

        var auth = Single(await RunAsync(), "auth");

        Assert.Equal(CheckStatus.Fail, auth.Status);
        Assert.Equal("dev-1", auth.Agent);
        Assert.Contains("dev-1 has no credentials a background job can use", auth.Finding, StringComparison.Ordinal);
        Assert.Contains("keychain", auth.Finding, StringComparison.Ordinal);
        Assert.Contains("claude setup-token", auth.Fix, StringComparison.Ordinal);
        Assert.Contains("--env-file", auth.Fix, StringComparison.Ordinal);
        Assert.Contains("agents/dev-1.yaml: env: [CLAUDE_CODE_OAUTH_TOKEN]", auth.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeAgent_WhenTheDaemonHasTheKeyButTheAgentFileDoesNotListIt_FailsSayingToAddItToEnv()
    {
        repository.Agent("dev-1", env: "[GITHUB_TOKEN]");
        repository.Variables["ANTHROPIC_API_KEY"] = "sk-ant-test";

        var auth = Single(await RunAsync(CheckedBy.Daemon), "auth");

        Assert.Equal(CheckStatus.Fail, auth.Status);
        Assert.Contains("the daemon has ANTHROPIC_API_KEY, but agents/dev-1.yaml does not list it under env:", auth.Finding, StringComparison.Ordinal);
        Assert.Equal("add it to agents/dev-1.yaml: env: [GITHUB_TOKEN, ANTHROPIC_API_KEY]", auth.Fix);
    }

    [Fact]
    public async Task ClaudeAgent_ListingAKeyTheProcessHas_IsOk()
    {
        repository.Agent("dev-1", env: "[ANTHROPIC_API_KEY]");
        repository.Variables["ANTHROPIC_API_KEY"] = "sk-ant-test";

        var auth = Single(await RunAsync(CheckedBy.Daemon), "auth");

        Assert.Equal(CheckStatus.Ok, auth.Status);
        Assert.Contains("dev-1 gets ANTHROPIC_API_KEY", auth.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeAgent_ListingAKeyTheProcessLacks_FailsSayingToGiveItToTheDaemon()
    {
        repository.Agent("dev-1", env: "[CLAUDE_CODE_OAUTH_TOKEN]");

        var auth = Single(await RunAsync(), "auth");

        Assert.Equal(CheckStatus.Fail, auth.Status);
        Assert.Contains("agents/dev-1.yaml lists CLAUDE_CODE_OAUTH_TOKEN under env:, but this shell has no such variable", auth.Finding, StringComparison.Ordinal);
        Assert.Contains("clawclip daemon --env-file FILE", auth.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeAgent_WithAnApiKeyHelperInTheSettingsUnderItsHome_IsOk()
    {
        repository.Agent("dev-1");
        Directory.CreateDirectory(Path.Combine(repository.Home, ".claude"));
        File.WriteAllText(Path.Combine(repository.Home, ".claude", "settings.json"), """{ "apiKeyHelper": "/bin/echo sk-ant-from-helper" }""");

        var auth = Single(await RunAsync(), "auth");

        Assert.Equal(CheckStatus.Ok, auth.Status);
        Assert.Contains("apiKeyHelper in " + Path.Combine(repository.Home, ".claude", "settings.json"), auth.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeAgent_WithAnApiKeyHelperCommittedInTheProjectSettings_IsOk()
    {
        repository.Agent("dev-1");
        repository.Write(".claude/settings.json", """{ "apiKeyHelper": "op read op://vault/anthropic/key" }""");
        repository.Git("add", ".claude/settings.json");
        repository.Git("commit", "-q", "-m", "project settings");

        var auth = Single(await RunAsync(), "auth");

        Assert.Equal(CheckStatus.Ok, auth.Status);
        Assert.Contains("apiKeyHelper in .claude/settings.json on main", auth.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeAgent_WithAnApiKeyHelperOnlyInTheCheckoutsLocalSettings_FailsSayingAgentsWorkInWorktreesWithoutIt()
    {
        repository.Agent("dev-1");
        repository.Write(".claude/settings.local.json", """{ "apiKeyHelper": "op read op://vault/anthropic/key" }""");

        var auth = Single(await RunAsync(), "auth");

        Assert.Equal(CheckStatus.Fail, auth.Status);
        Assert.Contains(".claude/settings.local.json in your checkout sets apiKeyHelper, but main does not have it", auth.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeAgent_WhoseSettingsAreNotJson_SaysWhichFile()
    {
        repository.Agent("dev-1");
        Directory.CreateDirectory(Path.Combine(repository.Home, ".claude"));
        File.WriteAllText(Path.Combine(repository.Home, ".claude", "settings.json"), "{ apiKeyHelper: ");

        var auth = Single(await RunAsync(), "auth");

        Assert.Equal(CheckStatus.Fail, auth.Status);
        Assert.Contains(Path.Combine(repository.Home, ".claude", "settings.json") + " is not valid JSON", auth.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeAgent_WhoseCliAnswersVersion_IsOk_AndOneThatFails_IsNot()
    {
        repository.Agent("dev-1");
        repository.Variables["CLAWCLIP_CLAUDE"] = repository.Script("claude", "echo '2.1.330 (Claude Code)'\n");

        var ok = Single(await RunAsync(), "runtime");
        repository.Variables["CLAWCLIP_CLAUDE"] = repository.Script("broken-claude", "echo 'cannot find module' >&2\nexit 3\n");
        var broken = Single(await RunAsync(), "runtime");

        Assert.Equal(CheckStatus.Ok, ok.Status);
        Assert.Contains("--version says 2.1.330 (Claude Code)", ok.Finding, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, broken.Status);
        Assert.Contains("exited 3: cannot find module", broken.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeAgent_WithoutTheCli_FailsWithHowToInstallIt()
    {
        repository.Agent("dev-1");
        repository.Variables["PATH"] = repository.Top;

        var runtime = Single(await RunAsync(), "runtime");

        Assert.Equal(CheckStatus.Fail, runtime.Status);
        Assert.Contains("npm install -g @anthropic-ai/claude-code", runtime.Fix, StringComparison.Ordinal);
        Assert.Contains("CLAWCLIP_CLAUDE", runtime.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyState_FailsTheWriteCheck_AndLeavesNothingBehind()
    {
        var state = Path.Combine(repository.Root, "state");
        using var readOnly = ReadOnlyFolder.Make(state);

        var write = Single(await RunAsync(), "state-write");

        Assert.Equal(CheckStatus.Fail, write.Status);
        Assert.Contains("this shell cannot change state/", write.Finding, StringComparison.Ordinal);
        Assert.Contains("chmod -R u+w " + state, write.Fix, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(state, ".doctor-*"));
    }

    [Fact]
    public async Task FolderThatIsNotARepository_FailsTheRepositoryCheck_WithTheFix()
    {
        var folder = Path.Combine(repository.Top, "plain");
        Directory.CreateDirectory(folder);

        var report = await new DoctorChecks(repository.Context() with { RepositoryRoot = folder }).RunAsync(CancellationToken.None);

        var check = Single(report.Results, "repository");
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("git init", check.Fix, StringComparison.Ordinal);
        Assert.Equal(["git", "sandbox", "repository", "disk"], report.Results.Select(r => r.Check));
    }

    [Fact]
    public async Task RepositoryWithoutInit_FailsTheStateAndLineageChecks_WithClawclipInit()
    {
        Directory.Delete(Path.Combine(repository.Root, "state"), recursive: true);
        repository.Git("branch", "-D", "clawclip/state");
        repository.Agent("dev-1", command: "[sh]");

        var results = await RunAsync();

        Assert.Contains("clawclip --repo " + repository.Root + " init", Single(results, "state").Fix, StringComparison.Ordinal);
        Assert.Contains("init", Single(results, "lineage-branch").Fix, StringComparison.Ordinal);
        Assert.DoesNotContain(results, r => r.Check == "state-write");
    }

    [Fact]
    public async Task MissingTargetBranch_Fails_WithHowToCreateItOrChooseAnother()
    {
        repository.Agent("dev-1", command: "[sh]");

        var report = await new DoctorChecks(repository.Context() with { Target = "trunk" }).RunAsync(CancellationToken.None);

        var check = Single(report.Results, "target-branch");
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("--target", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedAgentFile_FailsTheAgentsCheck_NamingFileAndLine()
    {
        repository.Write("agents/dev-1.yaml", "name: dev-1\nrole: dev\nruntime: claude\nskils: [csharp]\n");

        var results = await RunAsync();

        var agents = Single(results, "agents");
        Assert.Equal(CheckStatus.Fail, agents.Status);
        Assert.Contains("dev-1.yaml:4", agents.Finding, StringComparison.Ordinal);
        Assert.DoesNotContain(results, r => r.Check is "runtime" or "auth");
    }

    [Fact]
    public async Task ConfigWithoutChecks_Fails()
    {
        repository.Write("clawclip.yaml", "failure_policy:\n  dev-to-qa: halt\n");

        var config = Single(await RunAsync(), "config");

        Assert.Equal(CheckStatus.Fail, config.Status);
        Assert.Contains("checks:", config.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("git version 2.39.5\n", CheckStatus.Ok)]
    [InlineData("git version 2.39.3 (Apple Git-146)\n", CheckStatus.Ok)]
    [InlineData("git version 2.27.0\n", CheckStatus.Ok)]
    [InlineData("git version 2.26.2\n", CheckStatus.Fail)]
    [InlineData("git version 1.8.3.1\n", CheckStatus.Fail)]
    [InlineData("something else\n", CheckStatus.Warn)]
    public void GitVersion_BelowTheMinimum_Fails(string output, CheckStatus expected) =>
        Assert.Equal(expected, GitCheck.Judge(output).Status);

    [Theory]
    [InlineData(5L * 1024 * 1024 * 1024, CheckStatus.Ok)]
    [InlineData(1024L * 1024 * 1024, CheckStatus.Ok)]
    [InlineData(1024L * 1024 * 1024 - 1, CheckStatus.Warn)]
    [InlineData(200L * 1024 * 1024, CheckStatus.Warn)]
    [InlineData(200L * 1024 * 1024 - 1, CheckStatus.Fail)]
    public void FreeDisk_WarnsBelowOneGiB_AndFailsBelow200MiB(long free, CheckStatus expected) =>
        Assert.Equal(expected, DiskSpaceCheck.Judge(free, "/repo").Status);

    private static CheckResult Single(IEnumerable<CheckResult> results, string check) => Assert.Single(results, r => r.Check == check);

    private async Task<IReadOnlyList<CheckResult>> RunAsync(CheckedBy checkedBy = CheckedBy.Command) =>
        (await new DoctorChecks(repository.Context(checkedBy)).RunAsync(CancellationToken.None)).Results;
}
