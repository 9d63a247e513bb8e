using System.Xml.Linq;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

public sealed class ServiceCommandTests : IDisposable
{
    private const string Secret = "sk-ant-api03-END-TO-END-SECRET";

    private readonly TempGitRepository repository = new();
    private readonly string home = Path.Combine(Path.GetTempPath(), "clawclip-home-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        repository.Dispose();
        if (Directory.Exists(home))
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Install_OnLinux_WritesAUserUnitThatRunsThisClawclipOnThisRepository_WithoutTheShellsSecret()
    {
        await Clawclip.OkAsync(repository.Root, "init");

        var output = await OkAsync(Shell(), "service", "install", "--platform", "linux", "--home", home);

        var unit = Assert.Single(Directory.GetFiles(Path.Combine(home, ".config", "systemd", "user"), "clawclip-*.service"));
        var text = await File.ReadAllTextAsync(unit);
        Assert.Contains($"wrote {unit}", output, StringComparison.Ordinal);
        Assert.Contains($"systemctl --user enable --now {Path.GetFileName(unit)}", output, StringComparison.Ordinal);
        Assert.Contains($"clawclip.dll --repo {repository.Root} daemon\n", text, StringComparison.Ordinal);
        Assert.Contains($"WorkingDirectory={repository.Root}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.Contains("secrets: ANTHROPIC_API_KEY is set in this shell but was not written", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_OnMacOS_WritesALaunchAgentWhoseArgumentsStartThisClawclipOnThisRepository()
    {
        await Clawclip.OkAsync(repository.Root, "init");

        var output = await OkAsync(Shell(), "service", "install", "--platform", "macos", "--home", home, "--env-file", "secrets.env");

        var plist = Assert.Single(Directory.GetFiles(Path.Combine(home, "Library", "LaunchAgents"), "dev.clawclip.*.plist"));
        var arguments = XDocument.Load(plist).Descendants("key").Single(k => k.Value == "ProgramArguments")
            .ElementsAfterSelf().First().Elements("string").Select(s => s.Value).ToArray();
        Assert.EndsWith("clawclip.dll", arguments[1], StringComparison.Ordinal);
        Assert.Equal(["--repo", repository.Root, "daemon", "--env-file", Path.Combine(repository.Root, "secrets.env")], arguments[2..]);
        Assert.Contains($"launchctl bootstrap gui/$(id -u) {plist}", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await File.ReadAllTextAsync(plist), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_OverAFileClawclipDidNotWrite_ExitsWithConflict_NamingTheFile_UntilForced()
    {
        await Clawclip.OkAsync(repository.Root, "init");
        var print = await OkAsync(Isolated(), "service", "install", "--platform", "linux", "--home", home, "--print");
        Assert.False(Directory.Exists(home), "--print wrote something");
        await OkAsync(Isolated(), "service", "install", "--platform", "linux", "--home", home);
        var unit = Assert.Single(Directory.GetFiles(Path.Combine(home, ".config", "systemd", "user")));
        Assert.Equal(print, await File.ReadAllTextAsync(unit));
        await File.WriteAllTextAsync(unit, "[Service]\nExecStart=/bin/true\n");

        var refused = await RunAsync("service", "install", "--platform", "linux", "--home", home);
        var forced = await RunAsync("service", "install", "--platform", "linux", "--home", home, "--force");

        Assert.Equal(6, refused.ExitCode);
        Assert.Contains($"error: {unit} was not written by clawclip; pass --force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(print, await File.ReadAllTextAsync(unit));
    }

    [Fact]
    public async Task Uninstall_RemovesTheUnit_AndPrintsHowToStopIt()
    {
        await Clawclip.OkAsync(repository.Root, "init");
        await OkAsync(Isolated(), "service", "install", "--platform", "linux", "--home", home);

        var output = await OkAsync(Isolated(), "service", "uninstall", "--platform", "linux", "--home", home);

        Assert.Empty(Directory.GetFiles(Path.Combine(home, ".config", "systemd", "user")));
        Assert.Contains("systemctl --user stop clawclip-", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_BeforeInit_IsRefused_SinceTheDaemonWouldNotStart()
    {
        var result = await RunAsync("service", "install", "--platform", "linux", "--home", home);

        Assert.Equal(8, result.ExitCode);
        Assert.False(Directory.Exists(home));
    }

    /// <summary>This machine's XDG_CONFIG_HOME, if any, would send the unit out of the temporary home.</summary>
    private static Dictionary<string, string> Isolated() => new(StringComparer.Ordinal) { ["XDG_CONFIG_HOME"] = string.Empty };

    private static Dictionary<string, string> Shell() => new(Isolated(), StringComparer.Ordinal) { ["ANTHROPIC_API_KEY"] = Secret };

    private Task<string> OkAsync(Dictionary<string, string> environment, params string[] arguments) =>
        Clawclip.OkAsync(repository.Root, environment, arguments);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        DotnetProgram.RunAsync("clawclip", arguments, repository.Root, Isolated());
}
