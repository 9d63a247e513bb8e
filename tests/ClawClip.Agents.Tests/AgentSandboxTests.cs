using System.Net;
using System.Net.Sockets;
using ClawClip.Core.Agents;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Agents.Tests;

/// <summary><see cref="AgentSandbox"/>: the confinement and environment it gives a run, and what they do in the machine's real sandbox.</summary>
public sealed class AgentSandboxTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Clone => Directory.CreateDirectory(Path.Combine(folder.Path, "clone")).FullName;

    private string Home => Path.Combine(folder.Path, "homes", "dev-1");

    [Fact]
    public void Confine_PointsHomeAndTheXdgFoldersAtTheAgentsOwnHome_CreatesIt_AndDropsOtherXdgVariables()
    {
        var spec = ProcessSpec.Create("/bin/sh") with
        {
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = "/home/person", ["XDG_RUNTIME_DIR"] = "/run/user/1000", ["XDG_CONFIG_HOME"] = "/home/person/.config" },
        };

        var confined = new AgentSandbox(Home).Confine(spec, Request());

        Assert.True(Directory.Exists(Home));
        Assert.Equal(Home, confined.Environment["HOME"]);
        Assert.Equal(Path.Combine(Home, ".config"), confined.Environment["XDG_CONFIG_HOME"]);
        Assert.Equal(Path.Combine(Home, ".cache"), confined.Environment["XDG_CACHE_HOME"]);
        Assert.Equal(Path.Combine(Home, ".local", "share"), confined.Environment["XDG_DATA_HOME"]);
        Assert.Equal(Path.Combine(Home, ".local", "state"), confined.Environment["XDG_STATE_HOME"]);
        Assert.False(confined.Environment.ContainsKey("XDG_RUNTIME_DIR"));
        Assert.Equal("/usr/bin:/bin", confined.Environment["PATH"]);
    }

    [Fact]
    public void Confine_MakesTheCloneTheHomeAndTheAgentsWritablePathsWritable_AndTheBorrowedAndReadablePathsReadOnly()
    {
        var objects = Directory.CreateDirectory(Path.Combine(folder.Path, "repo", ".git", "objects")).FullName;
        var cache = Directory.CreateDirectory(Path.Combine(folder.Path, "cache")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(folder.Path, "data")).FullName;
        var spec = ProcessSpec.Create("/bin/sh") with { Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" } };

        var confined = new AgentSandbox(Home, [cache], [data], network: false).Confine(spec, Request() with { ReadOnlyPaths = [objects] });

        var boundary = confined.Confinement!;
        Assert.Equal([Clone, Home, cache], boundary.Writable);
        Assert.Equal([objects, data], boundary.ReadOnly); // /bin/sh is the system's: nothing of it to add
        Assert.False(boundary.Network);
    }

    [Fact]
    public async Task Confine_AReviewersRun_SeesTheCloneReadOnly_SoNothingItWritesThereCanLandUnreviewed()
    {
        var clone = Clone;
        var spec = ProcessSpec.Create("/bin/sh", "-c", "cat seen.txt; echo planted > planted.txt; echo exit=$?") with
        {
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            WorkingDirectory = clone,
        };
        await File.WriteAllTextAsync(Path.Combine(clone, "seen.txt"), "the dev's work\n");

        var confined = new AgentSandbox(Home).Confine(spec, Request() with { ReadOnlyWorkingDirectory = true });
        var result = await new ProcessRunner(Sandboxes.ForThisMachine()).RunAsync(confined, CancellationToken.None);

        Assert.Contains("the dev's work", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("exit=0", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(clone, "planted.txt")));
        Assert.DoesNotContain(clone, confined.Confinement!.Writable);

        // The same run as a dev's writes there: the test can fail.
        var dev = await new ProcessRunner(Sandboxes.ForThisMachine()).RunAsync(new AgentSandbox(Home).Confine(spec, Request()), CancellationToken.None);
        Assert.Contains("exit=0", dev.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(clone, "planted.txt")));
    }

    [Fact]
    public void Confine_OfAProgramThatIsNotThere_SaysWhere()
    {
        var spec = ProcessSpec.Create(Path.Combine(folder.Path, "no-agent-here"));

        var e = Assert.Throws<ProcessStartException>(() => new AgentSandbox(Home).Confine(spec, Request()));

        Assert.Contains("no-agent-here", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommandNamingItsScriptByAbsolutePath_RunsIt_ButNoFolderItNames()
    {
        var script = folder.Write("agent.sh", "cat > /dev/null; test -e \"$1/secret\" && seen=yes || seen=no; printf '{\"is_error\":false,\"result\":\"%s\"}' \"$seen\"");
        var other = Directory.CreateDirectory(Path.Combine(folder.Path, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(other, "secret"), "x");
        var runtime = new CommandRuntime("/bin/bash", [script, other], new ProcessRunner(Sandboxes.ForThisMachine()), new AgentSandbox(Home));

        var result = await runtime.RunAsync(Request() with { Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" } }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure); // the script, a file named by its absolute path, is there read-only
        Assert.Equal("no", result.Result); // a folder named is not
    }

    [Fact]
    public void ProgramFiles_OfASystemProgram_AreNone_AndOfAScriptOutsideTheSystem_AreTheScript()
    {
        var script = folder.Write("agent.sh", "#!/bin/sh\n");

        Assert.Empty(AgentSandbox.ProgramFiles("/bin/sh"));
        Assert.Equal([script], AgentSandbox.ProgramFiles(script));
    }

    [Fact]
    public void ProgramFiles_OfACliInstalledWithNpm_AreTheLinkOnPathAndTheWholePackageItPointsInto()
    {
        // As npm lays out @anthropic-ai/claude-code: node_modules/.bin/claude → ../@anthropic-ai/claude-code/bin/claude.exe.
        var modules = Path.Combine(folder.Path, "lib", "node_modules");
        var package = Directory.CreateDirectory(Path.Combine(modules, "@anthropic-ai", "claude-code", "bin")).Parent!.FullName;
        File.WriteAllText(Path.Combine(package, "bin", "claude.exe"), "");
        var link = Path.Combine(Directory.CreateDirectory(Path.Combine(modules, ".bin")).FullName, "claude");
        File.CreateSymbolicLink(link, "../@anthropic-ai/claude-code/bin/claude.exe");
        var unscoped = Directory.CreateDirectory(Path.Combine(modules, "tool", "dist")).FullName;
        File.WriteAllText(Path.Combine(unscoped, "cli.js"), "");
        var toolLink = Path.Combine(modules, ".bin", "tool");
        File.CreateSymbolicLink(toolLink, "../tool/dist/cli.js");

        Assert.Equal([link, package], AgentSandbox.ProgramFiles(link));
        Assert.Equal([toolLink, Path.Combine(modules, "tool")], AgentSandbox.ProgramFiles(toolLink));
    }

    [Fact]
    public void For_PutsTheHomeUnderTheHomesFolder_AndReadsTildePathsInThePersonsHome()
    {
        var definition = new AgentDefinition(AgentId.Parse("dev-1"), AgentRole.Dev, AgentRuntime.Command, null, ["agent"], [], null, 1, [], AgentIdentity.For(AgentId.Parse("dev-1")), [])
        {
            WritablePaths = ["~/.cache/pip"],
            ReadablePaths = ["/srv/data", "~/.m2/repository"],
            Network = false,
        };

        var sandbox = AgentSandbox.For(definition, "/state/homes/agents", "/home/person");

        Assert.Equal("/state/homes/agents/dev-1", sandbox.Home);
        Assert.Equal(["/home/person/.cache/pip"], sandbox.WritablePaths);
        Assert.Equal(["/srv/data", "/home/person/.m2/repository"], sandbox.ReadablePaths);
        Assert.False(sandbox.Network);
    }

    [Fact]
    public async Task TheAgentsHome_IsKeptBetweenRuns_AndThePersonsHomeIsNotThere()
    {
        var personHome = Directory.CreateDirectory(Path.Combine(folder.Path, "person")).FullName;
        File.WriteAllText(Path.Combine(personHome, ".netrc"), "machine example.com password hunter2\n");
        var sandbox = new AgentSandbox(Home);

        var first = await RunAsync(sandbox, $"echo kept > \"$HOME/note\"; test ! -e {personHome}/.netrc && echo ok", personHome);
        var second = await RunAsync(sandbox, "cat \"$HOME/note\"", personHome);

        Assert.Equal("ok", first);
        Assert.Equal("kept", second);
        Assert.Equal("kept\n", File.ReadAllText(Path.Combine(Home, "note")));
    }

    [Fact]
    public async Task AClosedNetwork_ReachesNothing_NotEvenTheMachinesLoopback_WhileAnOpenOneDoes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connect = $"if (echo > /dev/tcp/127.0.0.1/{port}) 2>/dev/null; then echo reached; else echo unreachable; fi";

        var open = await RunAsync(new AgentSandbox(Home), connect, folder.Path);
        var closed = await RunAsync(new AgentSandbox(Home, network: false), connect, folder.Path);

        Assert.Equal("reached", open);
        Assert.Equal("unreachable", closed);
    }

    /// <summary>Runs <paramref name="script"/> with bash through <see cref="CommandRuntime"/> in the machine's sandbox; returns what it printed as its result.</summary>
    private async Task<string> RunAsync(AgentSandbox sandbox, string script, string personHome)
    {
        var runtime = new CommandRuntime("/bin/bash", ["-c", $"cat > /dev/null; out=$({script}); printf '{{\"is_error\":false,\"result\":\"%s\"}}' \"$out\""], new ProcessRunner(Sandboxes.ForThisMachine()), sandbox);
        var result = await runtime.RunAsync(Request() with { Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = personHome } }, CancellationToken.None);
        Assert.True(result.Succeeded, result.Failure);
        return result.Result!;
    }

    private AgentRunRequest Request() => new(
        AgentId.Parse("dev-1"),
        "build the parser",
        "you are a developer",
        Clone,
        new Dictionary<string, string>(),
        TierPolicy.For(Tier.Intern),
        TimeSpan.FromSeconds(30));
}
