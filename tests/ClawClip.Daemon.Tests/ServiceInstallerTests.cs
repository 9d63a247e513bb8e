using ClawClip.Daemon.Service;
using ClawClip.Daemon.Tests.Support;

namespace ClawClip.Daemon.Tests;

public sealed class ServiceInstallerTests : IDisposable
{
    private readonly TemporaryFolder temporary = new();
    private readonly string home;
    private readonly string repository;

    public ServiceInstallerTests()
    {
        home = temporary.Folder("home");
        repository = temporary.Folder("code", "app");
    }

    public void Dispose() => temporary.Dispose();

    [Fact]
    public async Task Install_OnLinux_WritesAUserUnitUnderTheHome_AndPrintsTheSystemctlCommands()
    {
        var outcome = await ServiceInstaller.InstallAsync(Services.Request(ServicePlatform.Linux, home, repository), CancellationToken.None);

        var unit = ServiceNames.SystemdUnit(repository);
        Assert.Equal(ServiceFileStatus.Written, outcome.Status);
        Assert.Equal(Path.Combine(home, ".config", "systemd", "user", unit), outcome.FilePath);
        Assert.Equal(outcome.Content, await File.ReadAllTextAsync(outcome.FilePath));
        Assert.Equal(
            ["systemctl --user daemon-reload", $"systemctl --user enable --now {unit}", "loginctl enable-linger someone"],
            outcome.Run);
        Assert.Equal([$"systemctl --user status {unit}", $"journalctl --user -u {unit} -f"], outcome.Check);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(outcome.FilePath)!, ".*")); // no temporary file left
    }

    [Fact]
    public async Task Install_OnMacOS_WritesALaunchAgent_CreatesItsLogFolder_AndPrintsTheLaunchctlCommands()
    {
        var outcome = await ServiceInstaller.InstallAsync(Services.Request(ServicePlatform.MacOS, home, repository), CancellationToken.None);

        var label = ServiceNames.LaunchdLabel(repository);
        Assert.Equal(ServiceFileStatus.Written, outcome.Status);
        Assert.Equal(Path.Combine(home, "Library", "LaunchAgents", label + ".plist"), outcome.FilePath);
        var plist = (Dictionary<string, object>)PropertyList.Parse(await File.ReadAllTextAsync(outcome.FilePath), out _);
        Assert.Equal(label, plist["Label"]);
        Assert.True(Directory.Exists(Path.Combine(repository, ".clawclip", "logs")));
        Assert.Equal(
            [$"launchctl bootstrap gui/$(id -u) {outcome.FilePath}", $"launchctl kickstart -k gui/$(id -u)/{label}"],
            outcome.Run);
        Assert.Contains($"launchctl print gui/$(id -u)/{label}", outcome.Check);
        Assert.Contains(outcome.Notes, note => note.Contains("login keychain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_ForAHomeWithSpaces_QuotesThePathInThePrintedCommand()
    {
        var spaced = temporary.Folder("the home");

        var outcome = await ServiceInstaller.InstallAsync(Services.Request(ServicePlatform.MacOS, spaced, repository), CancellationToken.None);

        Assert.Equal($"launchctl bootstrap gui/$(id -u) '{outcome.FilePath}'", outcome.Run[0]);
    }

    [Theory]
    [InlineData(ServicePlatform.Linux)]
    [InlineData(ServicePlatform.MacOS)]
    public async Task Install_WithSecretsInTheShell_NeverWritesThem_AndSaysWhichWereLeftOut(ServicePlatform platform)
    {
        var outcome = await ServiceInstaller.InstallAsync(Services.Request(platform, home, repository), CancellationToken.None);

        var written = await File.ReadAllTextAsync(outcome.FilePath);
        Assert.DoesNotContain(Services.Secret, written, StringComparison.Ordinal);
        Assert.Contains(outcome.Notes, note => note.StartsWith("secrets: ANTHROPIC_API_KEY is set in this shell but was not written", StringComparison.Ordinal));
        Assert.Contains(outcome.Notes, note => note.StartsWith("secrets: CLAUDE_CODE_OAUTH_TOKEN is set in this shell but was not written", StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Notes, note => note.Contains(Services.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_OverAFileClawclipDidNotWrite_ChangesNothing_AndNamesTheFile()
    {
        var path = Path.Combine(temporary.Folder("home", ".config", "systemd", "user"), ServiceNames.SystemdUnit(repository));
        await File.WriteAllTextAsync(path, "[Service]\nExecStart=/usr/bin/something-else\n");

        var outcome = await ServiceInstaller.InstallAsync(Services.Request(ServicePlatform.Linux, home, repository), CancellationToken.None);

        Assert.Equal(ServiceFileStatus.Foreign, outcome.Status);
        Assert.Equal(path, outcome.FilePath);
        Assert.Contains(path + " was not written by clawclip; pass --force", Assert.Single(outcome.Notes), StringComparison.Ordinal);
        Assert.Empty(outcome.Run);
        Assert.Equal("[Service]\nExecStart=/usr/bin/something-else\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Install_WithForce_ReplacesAFileClawclipDidNotWrite()
    {
        var path = Path.Combine(temporary.Folder("home", "Library", "LaunchAgents"), ServiceNames.LaunchdLabel(repository) + ".plist");
        await File.WriteAllTextAsync(path, "<plist/>");

        var outcome = await ServiceInstaller.InstallAsync(Services.Request(ServicePlatform.MacOS, home, repository, force: true), CancellationToken.None);

        Assert.Equal(ServiceFileStatus.Written, outcome.Status);
        Assert.Contains(LaunchAgentPlist.Marker, await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_Again_LeavesTheSameFileAsItWas_AndRestartsWhatIsRunning()
    {
        var request = Services.Request(ServicePlatform.Linux, home, repository);
        var first = await ServiceInstaller.InstallAsync(request, CancellationToken.None);

        var second = await ServiceInstaller.InstallAsync(request, CancellationToken.None);

        Assert.Equal(ServiceFileStatus.Unchanged, second.Status);
        Assert.Equal(first.Content, await File.ReadAllTextAsync(second.FilePath));
        Assert.Contains($"systemctl --user restart {ServiceNames.SystemdUnit(repository)}", second.Run);
    }

    [Fact]
    public async Task Install_AfterTheProgramMoved_ReplacesItsOwnFile_AndBootsTheOldJobOutFirst()
    {
        await ServiceInstaller.InstallAsync(Services.Request(ServicePlatform.MacOS, home, repository), CancellationToken.None);
        var moved = Services.Request(ServicePlatform.MacOS, home, repository) with { Program = new ServiceProgram("/opt/clawclip/clawclip", []) };

        var outcome = await ServiceInstaller.InstallAsync(moved, CancellationToken.None);

        Assert.Equal(ServiceFileStatus.Written, outcome.Status);
        Assert.Contains("/opt/clawclip/clawclip", await File.ReadAllTextAsync(outcome.FilePath), StringComparison.Ordinal);
        Assert.Equal($"launchctl bootout gui/$(id -u)/{ServiceNames.LaunchdLabel(repository)}", outcome.Run[0]);
    }

    [Fact]
    public async Task Install_WhereXdgConfigHomeIsSet_WritesTheUnitWhereSystemdLooks()
    {
        var config = temporary.Folder("xdg");
        var request = Services.Request(ServicePlatform.Linux, home, repository, shell: Services.Shell(("XDG_CONFIG_HOME", config)));

        var outcome = await ServiceInstaller.InstallAsync(request, CancellationToken.None);

        Assert.Equal(Path.Combine(config, "systemd", "user", ServiceNames.SystemdUnit(repository)), outcome.FilePath);
        Assert.True(File.Exists(outcome.FilePath));
    }

    [Fact]
    public async Task Install_WithAnEnvironmentFileOthersCanRead_SaysToChmodIt()
    {
        var file = Path.Combine(home, "clawclip.env");
        await File.WriteAllTextAsync(file, "ANTHROPIC_API_KEY=x\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var outcome = await ServiceInstaller.InstallAsync(Services.Request(ServicePlatform.Linux, home, repository, environmentFile: file), CancellationToken.None);

        Assert.Contains($"secrets: {file} can be read or written by other users: chmod 600 it.", outcome.Notes);
        Assert.Contains("daemon --env-file " + file, await File.ReadAllTextAsync(outcome.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_WithAnEnvironmentFileNotYetThere_SaysTheDaemonWaitsForIt()
    {
        var file = Path.Combine(home, "missing.env");

        var outcome = await ServiceInstaller.InstallAsync(Services.Request(ServicePlatform.MacOS, home, repository, environmentFile: file), CancellationToken.None);

        Assert.Contains($"secrets: {file} does not exist yet: the daemon refuses to start until you create it (the service tries again every 10 s).", outcome.Notes);
    }

    [Fact]
    public async Task Install_WithARelativeEnvironmentFile_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            ServiceInstaller.InstallAsync(Services.Request(ServicePlatform.Linux, home, repository, environmentFile: "secrets.env"), CancellationToken.None));
    }

    [Fact]
    public void Preview_ShowsTheFile_AndWritesNothing()
    {
        var outcome = ServiceInstaller.Preview(Services.Request(ServicePlatform.Linux, home, repository));

        Assert.Equal(ServiceFileStatus.Previewed, outcome.Status);
        Assert.StartsWith(SystemdUserUnit.Marker, outcome.Content, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home));
    }

    [Theory]
    [InlineData(ServicePlatform.Linux)]
    [InlineData(ServicePlatform.MacOS)]
    public async Task Uninstall_RemovesTheFileItWrote_AndPrintsHowToStopWhatIsStillLoaded(ServicePlatform platform)
    {
        var installed = await ServiceInstaller.InstallAsync(Services.Request(platform, home, repository), CancellationToken.None);

        var outcome = await ServiceInstaller.UninstallAsync(Services.Request(platform, home, repository), CancellationToken.None);

        Assert.Equal(ServiceFileStatus.Removed, outcome.Status);
        Assert.False(File.Exists(installed.FilePath));
        Assert.Equal(
            platform == ServicePlatform.MacOS
                ? [$"launchctl bootout gui/$(id -u)/{ServiceNames.LaunchdLabel(repository)}"]
                : [$"systemctl --user stop {ServiceNames.SystemdUnit(repository)}", "systemctl --user daemon-reload"],
            outcome.Run);
    }

    [Fact]
    public async Task Uninstall_OnLinux_RemovesTheLinkThatEnableMade_SoNoneIsLeftDangling()
    {
        var installed = await ServiceInstaller.InstallAsync(Services.Request(ServicePlatform.Linux, home, repository), CancellationToken.None);
        var wants = temporary.Folder("home", ".config", "systemd", "user", "default.target.wants");
        var link = Path.Combine(wants, ServiceNames.SystemdUnit(repository));
        File.CreateSymbolicLink(link, installed.FilePath);
        var otherLink = Path.Combine(wants, "something-else.service");
        File.CreateSymbolicLink(otherLink, "/usr/lib/systemd/user/something-else.service");

        await ServiceInstaller.UninstallAsync(Services.Request(ServicePlatform.Linux, home, repository), CancellationToken.None);

        Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget is not null);
        Assert.NotNull(new FileInfo(otherLink).LinkTarget);
    }

    [Fact]
    public async Task Uninstall_OfAFileClawclipDidNotWrite_LeavesIt_AndNamesIt()
    {
        var path = Path.Combine(temporary.Folder("home", "Library", "LaunchAgents"), ServiceNames.LaunchdLabel(repository) + ".plist");
        await File.WriteAllTextAsync(path, "<plist/>");

        var outcome = await ServiceInstaller.UninstallAsync(Services.Request(ServicePlatform.MacOS, home, repository), CancellationToken.None);

        Assert.Equal(ServiceFileStatus.Foreign, outcome.Status);
        Assert.Contains(path, Assert.Single(outcome.Notes), StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Uninstall_WhenNothingIsInstalled_SaysSo_AndStillPrintsTheStopCommand()
    {
        var outcome = await ServiceInstaller.UninstallAsync(Services.Request(ServicePlatform.MacOS, home, repository), CancellationToken.None);

        Assert.Equal(ServiceFileStatus.NotInstalled, outcome.Status);
        Assert.Single(outcome.Run);
    }
}
