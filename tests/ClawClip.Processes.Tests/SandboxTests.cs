using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Processes.Tests;

/// <summary>The real bubblewrap sandbox, tried as an agent would try to get out of it.</summary>
public sealed class SandboxTests : IDisposable
{
    private readonly TemporaryDirectory inside = new();
    private readonly TemporaryDirectory outside = new();
    private readonly ProcessRunner runner = new(Sandboxes.ForThisMachine());

    public void Dispose()
    {
        inside.Dispose();
        outside.Dispose();
    }

    [Fact]
    public async Task The_sandbox_works_on_this_machine()
    {
        var probe = await Sandboxes.ForThisMachine().ProbeAsync(CancellationToken.None);

        Assert.True(probe.Works, probe.Detail + " " + probe.Fix);
        Assert.Equal("bubblewrap", Sandboxes.ForThisMachine().Name);
    }

    [Fact]
    public async Task A_missing_bubblewrap_is_a_failed_probe_with_the_install_command_not_a_crash()
    {
        var probe = await new Bubblewrap(outside.File("no-bwrap-here")).ProbeAsync(CancellationToken.None);

        Assert.False(probe.Works);
        Assert.Contains("apt-get install bubblewrap", probe.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confined_process_sees_only_its_own_processes_not_its_parents_environment()
    {
        var result = await RunAsync($"ls /proc | grep -c '^[0-9]'; cat /proc/{Environment.ProcessId}/environ 2>&1 || echo no-environ");

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(int.Parse(lines[0]) < 5, result.StandardOutput);
        Assert.Contains("no-environ", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("PATH=", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_writes_its_own_folder_and_neither_reads_nor_changes_anything_else()
    {
        File.WriteAllText(outside.File("canary"), "the person's secret");
        var readOnly = Directory.CreateDirectory(Path.Combine(outside.Path, "objects")).FullName;
        File.WriteAllText(Path.Combine(readOnly, "blob"), "shared");
        var before = Hash(outside.Path);
        var home = Environment.GetEnvironmentVariable("HOME")!;

        var result = await RunAsync(
            $"echo work > mine.txt; cat '{outside.File("canary")}' 2>&1; echo x > '{outside.File("canary")}' 2>&1; " +
            $"cat '{readOnly}/blob'; echo y > '{readOnly}/blob' 2>&1; rm -f '{readOnly}/blob' 2>&1; ls -d '{home}' 2>&1; true",
            new Confinement { Writable = [inside.Path], ReadOnly = [readOnly] });

        Assert.Equal("work\n", File.ReadAllText(inside.File("mine.txt")));
        Assert.Contains("shared", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("the person's secret", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"{home}': No such file", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(before, Hash(outside.Path));
    }

    [Fact]
    public async Task A_child_that_makes_its_own_session_is_gone_when_the_run_ends()
    {
        var marker = "301." + Random.Shared.Next(100_000, 999_999);

        var result = await RunAsync($"setsid sleep {marker} > /dev/null 2>&1 < /dev/null & sleep 0.2; echo started");

        Assert.Equal("started\n", result.StandardOutput);
        await Eventually.True(() => !Running(marker), TimeSpan.FromSeconds(5), $"the setsid'd sleep {marker} outlived its run");
    }

    [Fact]
    public async Task A_closed_network_reaches_nothing_an_open_one_reaches_the_hosts_loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var script = $"exec 3<>/dev/tcp/127.0.0.1/{port} && echo connected || echo refused";

        var open = await RunAsync(script, Confinement.To(inside.Path), program: "/bin/bash");
        var closed = await RunAsync(script, Confinement.To(inside.Path) with { Network = false }, program: "/bin/bash");

        Assert.Contains("connected", open.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("refused", closed.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_sandbox_a_confined_process_is_refused_with_the_fix()
    {
        var missing = new ProcessRunner(new MissingSandbox("bubblewrap (bwrap) is not installed", "install it: `apt-get install bubblewrap`"));

        var error = await Assert.ThrowsAsync<ProcessStartException>(() => missing.RunAsync(Specs.Sh("true") with { Confinement = Confinement.To(inside.Path) }, CancellationToken.None));

        Assert.Contains("apt-get install bubblewrap", error.Message, StringComparison.Ordinal);
        Assert.Contains("sandbox: off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_off_runs_the_process_as_it_is()
    {
        var off = new ProcessRunner(Unconfined.Instance);

        var result = await off.RunAsync(Specs.Sh("ls /proc | grep -c '^[0-9]'") with { Confinement = Confinement.To(inside.Path) }, CancellationToken.None);

        Assert.True(int.Parse(result.StandardOutput.Trim()) >= 1);
    }

    [Fact]
    public async Task A_missing_folder_to_bind_is_named()
    {
        var gone = Path.Combine(outside.Path, "gone");

        var error = await Assert.ThrowsAsync<ProcessStartException>(() => RunAsync("true", Confinement.To(gone)));

        Assert.Contains(gone, error.Message, StringComparison.Ordinal);
    }

    private async Task<ProcessResult> RunAsync(string script, Confinement? confinement = null, string program = "/bin/sh")
    {
        var spec = ProcessSpec.Create(program, "-c", script).WithEnvironmentFromParent("PATH") with
        {
            WorkingDirectory = inside.Path,
            Confinement = confinement ?? Confinement.To(inside.Path),
            Timeout = TimeSpan.FromSeconds(30),
        };
        return await runner.RunAsync(spec, CancellationToken.None);
    }

    private static bool Running(string marker) =>
        Directory.EnumerateDirectories("/proc")
            .Select(folder => Path.Combine(folder, "cmdline"))
            .Any(cmdline => TryRead(cmdline).Contains(marker, StringComparison.Ordinal));

    private static string TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string Hash(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file)));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
