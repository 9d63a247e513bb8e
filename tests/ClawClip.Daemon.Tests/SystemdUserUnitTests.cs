using System.Diagnostics;
using ClawClip.Daemon.Service;
using ClawClip.Daemon.Tests.Support;
using Xunit.Abstractions;

namespace ClawClip.Daemon.Tests;

public sealed class SystemdUserUnitTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryFolder temporary = new();

    public void Dispose() => temporary.Dispose();

    [Fact]
    public void Build_WritesTheSectionsAndSettingsASystemdUserServiceNeeds()
    {
        var unit = UnitFile.Parse(SystemdUserUnit.Build(Services.Definition("/home/someone/code/app", "/usr/local/bin/clawclip")));

        Assert.Equal(["Unit", "Service", "Install"], unit.Sections);
        Assert.Equal("claw.clip daemon for /home/someone/code/app", unit.Value("Unit", "Description"));
        Assert.Equal("network-online.target", unit.Value("Unit", "After"));
        Assert.Equal("simple", unit.Value("Service", "Type"));
        Assert.Equal(
            ["/usr/local/bin/clawclip", "--repo", "/home/someone/code/app", "daemon"],
            UnitFile.CommandLine(unit.Value("Service", "ExecStart")));
        Assert.Equal("/home/someone/code/app", unit.Value("Service", "WorkingDirectory"));
        var environment = unit.All("Service", "Environment").SelectMany(UnitFile.Assignments).ToDictionary();
        Assert.Equal("/opt/tools bin:/usr/local/bin:/usr/bin:/bin", environment["PATH"]);
        Assert.Equal("/home/someone", environment["HOME"]);
        Assert.Equal("en_US.UTF-8", environment["LANG"]);
        Assert.Empty(unit.All("Service", "EnvironmentFile"));
        Assert.Equal("always", unit.Value("Service", "Restart"));
        Assert.Equal("10", unit.Value("Service", "RestartSec"));
        Assert.Equal("60", unit.Value("Service", "TimeoutStopSec"));
        Assert.Equal("mixed", unit.Value("Service", "KillMode"));
        Assert.Equal("default.target", unit.Value("Install", "WantedBy"));
    }

    [Fact]
    public void Build_ARepositoryPathWithSpacesAmpersandsAnglesQuotesDollarsPercentsAndBackslashes_RoundTripsExactly()
    {
        var root = "/home/someone/" + Services.AwkwardName;
        var program = "/opt/claw clip & co/<bin>/$x/50%/clawclip";

        var unit = UnitFile.Parse(SystemdUserUnit.Build(Services.Definition(root, program, root + "/secrets.env")));

        Assert.Equal([program, "--repo", root, "daemon", "--env-file", root + "/secrets.env"], UnitFile.CommandLine(unit.Value("Service", "ExecStart")));
        Assert.Equal(root, UnitFile.PathSetting(unit.Value("Service", "WorkingDirectory")));
        Assert.Equal("claw.clip daemon for " + root, UnitFile.PathSetting(unit.Value("Unit", "Description")));
    }

    [Fact]
    public void Build_AProgramPathWithAQuote_IsRefused_SinceSystemdWouldNotStartIt()
    {
        var error = Assert.Throws<ArgumentException>(() => SystemdUserUnit.Build(Services.Definition("/home/someone/app", "/opt/\"clawclip\"/clawclip")));

        Assert.Contains("systemd cannot start a program whose path has quotes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_APathWithALineBreak_IsRefused_SinceSystemdWouldReadAnotherOne()
    {
        var error = Assert.Throws<ArgumentException>(() => SystemdUserUnit.Build(Services.Definition("/home/someone/two\nlines", "/usr/local/bin/clawclip")));

        Assert.Contains("cannot be written in a systemd unit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithAnEnvironmentFile_PassesItToTheDaemon_NotToSystemd_SoTheSecretsStayOutOfItsProcessEnvironment()
    {
        var unit = UnitFile.Parse(SystemdUserUnit.Build(Services.Definition("/home/someone/app", "/usr/local/bin/clawclip", "/home/someone/.config/clawclip/env")));

        Assert.Empty(unit.All("Service", "EnvironmentFile"));
        Assert.Equal(
            ["/usr/local/bin/clawclip", "--repo", "/home/someone/app", "daemon", "--env-file", "/home/someone/.config/clawclip/env"],
            UnitFile.CommandLine(unit.Value("Service", "ExecStart")));
    }

    [Fact]
    public void Build_NeverWritesASecretTheShellHas()
    {
        var unit = SystemdUserUnit.Build(Services.Definition("/home/someone/app", "/usr/local/bin/clawclip"));

        Assert.DoesNotContain(Services.Secret, unit, StringComparison.Ordinal);
        Assert.DoesNotContain("ANTHROPIC_API_KEY", unit, StringComparison.Ordinal);
        Assert.DoesNotContain("TOKEN", unit, StringComparison.Ordinal);
    }

    [RequiresProgramFact("systemd-analyze")]
    public async Task Build_PassesSystemdAnalyzeVerify_WithAnAwkwardProgramPathThatMustBeFound()
    {
        // verify fails a unit whose program is not an executable file, so a quoting mistake in ExecStart's first
        // word fails this test: systemd itself reads the path back. (A program path with quotes or backslashes
        // systemd refuses outright; the repository path has them.)
        var program = WriteProgram(temporary.Folder("my bin & <co> $HOME 100%h"));
        var root = temporary.Folder(Services.AwkwardName);
        var file = Path.Combine(temporary.Folder("units"), ServiceNames.SystemdUnit(root));
        await File.WriteAllTextAsync(file, SystemdUserUnit.Build(Services.Definition(root, program, Path.Combine(root, "secrets.env"))));

        var (exitCode, errors) = await VerifyAsync(file);

        Assert.True(exitCode == 0 && errors.Length == 0, $"systemd-analyze verify exited {exitCode}: {errors}");
    }

    [RequiresProgramFact("systemd-analyze")]
    public async Task Verify_FailsAUnitWhoseProgramIsMissing_SoAPassMeansSomething()
    {
        var root = temporary.Folder("repo");
        var file = Path.Combine(temporary.Folder("units"), ServiceNames.SystemdUnit(root));
        await File.WriteAllTextAsync(file, SystemdUserUnit.Build(Services.Definition(root, Path.Combine(root, "no such program"))));

        var (exitCode, errors) = await VerifyAsync(file);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no such program", errors, StringComparison.Ordinal);
    }

    /// <summary>
    /// As a user unit, without a running systemd (a container): --user wants a runtime folder, given here as a
    /// temporary one; --man=no skips checking the Documentation= man pages; --generators=no runs no generators.
    /// </summary>
    private async Task<(int ExitCode, string Errors)> VerifyAsync(string file)
    {
        var start = new ProcessStartInfo("systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "verify", "--user", "--man=no", "--generators=no", file })
        {
            start.ArgumentList.Add(argument);
        }

        var runtime = temporary.Folder("runtime");
        if (!OperatingSystem.IsWindows()) // systemd-analyze exists only on Linux
        {
            File.SetUnixFileMode(runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        start.Environment["XDG_RUNTIME_DIR"] = runtime;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var errors = (await stdout + await stderr).Trim();
        output.WriteLine($"systemd-analyze verify --user --man=no --generators=no {file}: exit {process.ExitCode}");
        output.WriteLine(errors.Length == 0 ? "(no messages)" : errors);
        return (process.ExitCode, errors);
    }

    private static string WriteProgram(string folder)
    {
        var program = Path.Combine(folder, "clawclip");
        File.WriteAllText(program, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return program;
    }
}
