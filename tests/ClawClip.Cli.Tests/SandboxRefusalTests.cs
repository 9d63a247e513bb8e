using System.CommandLine;
using System.Diagnostics;
using ClawClip.Cli.Commands;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Cli.Tests;

/// <summary>
/// No sandbox, no agents: <c>run --once</c> and <c>daemon</c>, given a machine whose sandbox does not work, refuse
/// with <see cref="ExitCodes.NoSandbox"/> and the fix before anything starts, unless the committed
/// <c>clawclip.yaml</c> says <c>sandbox: off</c>. The commands run in this process, on a real repository, with the
/// sandbox passed in (they write their errors to the console, so this class runs alone).
/// </summary>
[Collection(nameof(ConsoleWriters))]
public sealed class SandboxRefusalTests : IDisposable
{
    private const string Checks = "checks:\n  test: [/bin/sh, -c, 'exit 0']\n";

    private readonly string root = Directory.CreateTempSubdirectory("clawclip-cli-").FullName;

    public SandboxRefusalTests()
    {
        Git("init", "-q", "-b", "main");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    public static TheoryData<string> Commands => new() { "run", "daemon" };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task WithTheSandboxOn_AMachineWithoutOne_IsRefusedWithTheFix(string command)
    {
        Commit(Checks);

        var (exitCode, error) = await RunAsync(command, new MissingSandbox("bubblewrap (bwrap) is not installed", "install it: `apt-get install bubblewrap`"));

        Assert.Equal(ExitCodes.NoSandbox, exitCode);
        Assert.Contains("no sandbox, no agents", error, StringComparison.Ordinal);
        Assert.Contains("bubblewrap (bwrap) is not installed", error, StringComparison.Ordinal);
        Assert.Contains("install it: `apt-get install bubblewrap`", error, StringComparison.Ordinal);
        Assert.Contains("commit `sandbox: off` in clawclip.yaml on main", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root, "state")), "nothing was written before the refusal");
    }

    [Fact]
    public async Task WithTheSandboxOn_ABubblewrapThatCannotStart_IsRefusedToo()
    {
        Commit(Checks);

        var (exitCode, error) = await RunAsync("run", new Bubblewrap(Path.Combine(root, "no-such-bwrap")));

        Assert.Equal(ExitCodes.NoSandbox, exitCode);
        Assert.Contains("no-such-bwrap", error, StringComparison.Ordinal);
        Assert.Contains("install bubblewrap", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task WithSandboxOffCommitted_TheSameMachineIsNotRefused(string command)
    {
        Commit(Checks + "sandbox: off\n");

        var (exitCode, error) = await RunAsync(command, new MissingSandbox("bubblewrap (bwrap) is not installed", "install it"));

        // Past the sandbox, the command stops at the next thing missing here: claw.clip's state (no `clawclip init`).
        Assert.Equal(ExitCodes.NotInitialized, exitCode);
        Assert.Contains("run `clawclip init` there first", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxOff_OnlyInTheWorkingCopy_DoesNotLiftTheRefusal()
    {
        Commit(Checks);
        File.AppendAllText(Path.Combine(root, "clawclip.yaml"), "sandbox: off\n");

        var (exitCode, _) = await RunAsync("run", new MissingSandbox("bubblewrap (bwrap) is not installed", "install it"));

        Assert.Equal(ExitCodes.NoSandbox, exitCode);
    }

    private async Task<(int ExitCode, string Error)> RunAsync(string command, ISandbox machine)
    {
        var root = new RootCommand { CommonOptions.Repo, command == "run" ? RunCommand.Create(machine) : DaemonCommand.Create(machine) };
        string[] arguments = command == "run" ? ["run", "--once", "--repo", this.root] : ["daemon", "--repo", this.root];
        var error = new StringWriter();
        var before = Console.Error;
        Console.SetError(error);
        try
        {
            var exitCode = await root.Parse(arguments).InvokeAsync();
            return (exitCode, error.ToString());
        }
        finally
        {
            Console.SetError(before);
        }
    }

    private void Commit(string config)
    {
        File.WriteAllText(Path.Combine(root, "clawclip.yaml"), config);
        Git("add", "clawclip.yaml");
        Git("-c", "user.name=person", "-c", "user.email=person@example.invalid", "commit", "-q", "-m", "settings");
    }

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
    }
}

