using System.Globalization;
using System.Text.Json;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.FakeModel;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// <c>clawclip doctor</c> as a person runs it, from a shell without the key, against a real daemon that got the key from
/// its env file: the checks run inside the daemon, where the agents get their variables from.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DoctorTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly string[] Credentials = ["ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX"];
    private readonly TempGitRepository repository = new();
    private readonly string outside = Path.Combine(Path.GetTempPath(), "clawclip-doctor-e2e-" + Guid.NewGuid().ToString("N")[..12]);

    public DoctorTests() => Directory.CreateDirectory(Path.Combine(outside, "home"));

    public void Dispose()
    {
        repository.Dispose();
        Directory.Delete(outside, recursive: true);
    }

    [Fact]
    public async Task Doctor_WhileTheDaemonRuns_ChecksInsideIt_SoTheKeyFromItsEnvFileCounts_AndOnceItStops_TheShellWithoutTheKeyFails()
    {
        await SetUpAsync();
        var envFile = Path.Combine(outside, "daemon.env");
        File.WriteAllText(envFile, "ANTHROPIC_API_KEY=sk-ant-e2e-doctor\n");
        File.SetUnixFileMode(envFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var environment = Environment();

        using (var daemon = DaemonProcess.Start(repository.Root, environment, "--env-file", envFile, "--interval", "30s"))
        {
            await Eventually.TrueAsync(() => File.Exists(Path.Combine(repository.Root, "state", "locks", "daemon.pid")) || daemon.HasExited, Deadline, () => $"the daemon to start\n{daemon.Output}");

            var (exitCode, output, error) = await DoctorAsync("--json");
            using var report = JsonDocument.Parse(output);
            var text = await DoctorAsync();
            daemon.Terminate();
            await Eventually.TrueAsync(() => daemon.HasExited, TimeSpan.FromSeconds(30), "the daemon to stop on SIGTERM");

            Assert.True(exitCode == 9, $"doctor exited {exitCode}: {error}\n{output}\n{daemon.Output}");
            Assert.Equal("daemon", report.RootElement.GetProperty("checked_by").GetString());
            Assert.Equal(daemon.Id, report.RootElement.GetProperty("pid").GetInt32());
            Assert.Equal("ok", Result(report, "auth", "dev-1").GetProperty("status").GetString());
            Assert.Equal("ok", Result(report, "runtime", "dev-1").GetProperty("status").GetString());
            var qa = Result(report, "auth", "qa-1");
            Assert.Equal("fail", qa.GetProperty("status").GetString());
            Assert.Contains("the daemon has ANTHROPIC_API_KEY, but agents/qa-1.yaml does not list it under env:", qa.GetProperty("finding").GetString(), StringComparison.Ordinal);
            Assert.Equal("add it to agents/qa-1.yaml: env: [ANTHROPIC_API_KEY]", qa.GetProperty("fix").GetString());
            Assert.Contains($"checked inside the daemon (pid {daemon.Id})", text.Output, StringComparison.Ordinal);
            Assert.Contains("doctor", daemon.Output, StringComparison.Ordinal); // the daemon logged that it answered
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(repository.Root, ".clawclip", "requests")));

        var (afterExit, afterOutput, afterError) = await DoctorAsync("--json");
        using var after = JsonDocument.Parse(afterOutput);

        Assert.True(afterExit == 9, $"doctor exited {afterExit}: {afterError}\n{afterOutput}");
        Assert.Equal("command", after.RootElement.GetProperty("checked_by").GetString());
        Assert.Contains("no daemon runs", after.RootElement.GetProperty("note").GetString(), StringComparison.Ordinal);
        var auth = Result(after, "auth", "dev-1");
        Assert.Equal("fail", auth.GetProperty("status").GetString());
        Assert.Contains("agents/dev-1.yaml lists ANTHROPIC_API_KEY under env:, but this shell has no such variable", auth.GetProperty("finding").GetString(), StringComparison.Ordinal);
        Assert.Contains("clawclip daemon --env-file FILE", auth.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WithTheDaemonsEnvFile_ChecksAsTheDaemonWill_SoTheKeyInTheFileCounts()
    {
        await SetUpAsync();
        var envFile = Path.Combine(outside, "daemon.env");
        File.WriteAllText(envFile, "# the daemon's secrets\nexport ANTHROPIC_API_KEY='sk-ant-e2e-doctor'\n");

        var (exitCode, output, error) = await DoctorAsync("--json", "--env-file", envFile);
        var text = await DoctorAsync("--env-file", envFile);

        using var report = JsonDocument.Parse(output);
        Assert.True(exitCode == 9, $"doctor exited {exitCode}: {error}\n{output}"); // qa-1 still lists no credential
        Assert.Equal("command", report.RootElement.GetProperty("checked_by").GetString());
        var dev = Result(report, "auth", "dev-1");
        Assert.Equal("ok", dev.GetProperty("status").GetString());
        Assert.Contains("set in the environment of this shell with daemon.env", dev.GetProperty("finding").GetString(), StringComparison.Ordinal);
        Assert.Contains("this shell with daemon.env has ANTHROPIC_API_KEY, but agents/qa-1.yaml does not list it under env:", Result(report, "auth", "qa-1").GetProperty("finding").GetString(), StringComparison.Ordinal);
        Assert.Contains($"with the variables of {envFile} added, as `clawclip daemon --env-file {envFile}` has them", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-ant-e2e-doctor", output + text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WithAnEnvFileThatIsNotKeyValueLines_ExitsSevenNamingTheFileAndLine()
    {
        await SetUpAsync();
        var envFile = Path.Combine(outside, "daemon.env");
        File.WriteAllText(envFile, "ANTHROPIC_API_KEY=sk-ant-e2e\njust a line\n");

        var (exitCode, _, error) = await DoctorAsync("--env-file", envFile);

        Assert.Equal(7, exitCode);
        Assert.Contains($"{envFile}:2: expected KEY=value", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WhenTheProcessInThePidFileDoesNotAnswer_ChecksItself_SaysWhy_AndLeavesNoRequest()
    {
        await SetUpAsync();
        // A live process that is no daemon: this test's own.
        File.WriteAllText(Path.Combine(repository.Root, "state", "locks", "daemon.pid"), $"pid {System.Environment.ProcessId}, started 2026-11-22 08:00:00Z\n");

        var (exitCode, output, error) = await DoctorAsync("--timeout", "1s");

        Assert.True(exitCode == 9, $"doctor exited {exitCode}: {error}\n{output}");
        Assert.Contains($"the daemon (pid {System.Environment.ProcessId}) did not answer within 1 s: checked by this clawclip process", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(repository.Root, ".clawclip", "requests")));
    }

    private static JsonElement Result(JsonDocument report, string check, string agent) =>
        Assert.Single(report.RootElement.GetProperty("results").EnumerateArray(), r => r.GetProperty("check").GetString() == check && r.GetProperty("agent").GetString() == agent);

    /// <summary>
    /// A repository after <c>clawclip init</c> with two claude agents, committed: dev-1 lists ANTHROPIC_API_KEY under env,
    /// qa-1 lists nothing. The claude runtime is the pinned CLI.
    /// </summary>
    private async Task SetUpAsync()
    {
        await Clawclip.OkAsync(repository.Root, "init");
        foreach (var file in Directory.GetFiles(Path.Combine(repository.Root, "agents"), "*.yaml"))
        {
            File.Delete(file);
        }

        File.WriteAllText(Path.Combine(repository.Root, "clawclip.yaml"), "checks:\n  build: [/bin/true]\n");
        WriteAgent("dev-1", "dev", "[ANTHROPIC_API_KEY]");
        WriteAgent("qa-1", "qa", "[]");
        repository.Git("add", "-A", "clawclip.yaml", "agents");
        repository.Git("commit", "-q", "-m", "claw.clip settings and agents"); // the daemon reads them as committed
        Directory.CreateDirectory(Path.Combine(repository.Root, "state", "locks"));
    }

    private void WriteAgent(string name, string role, string env) =>
        File.WriteAllText(Path.Combine(repository.Root, "agents", name + ".yaml"), string.Create(CultureInfo.InvariantCulture,
            $"name: {name}\nrole: {role}\nruntime: claude\nmodel: sonnet\nskills: [csharp]\nenv: {env}\ngit: {{name: {name}, email: {name}@agents.clawclip.invalid}}\n"));

    /// <summary>What both the daemon and the doctor get: a HOME of their own (no Claude Code login of the person's counts) and the pinned CLI.</summary>
    private Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["HOME"] = Path.Combine(outside, "home"),
        ["CLAWCLIP_CLAUDE"] = ClaudeCodeCli.RequirePath(),
    };

    /// <summary><c>clawclip doctor</c> from a shell that has none of the credential variables.</summary>
    private Task<(int ExitCode, string Output, string Error)> DoctorAsync(params string[] options) =>
        DotnetProgram.RunAsync("clawclip", ["doctor", .. options], repository.Root, Environment(), unset: Credentials);
}
