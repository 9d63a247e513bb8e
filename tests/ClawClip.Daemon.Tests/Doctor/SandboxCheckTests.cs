using ClawClip.Daemon.Doctor;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Daemon.Tests.Doctor;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SandboxCheckTests : IDisposable
{
    private readonly DoctorRepository repository = new();

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task OnThisMachine_TheSandboxConfinesAProcess_AndTheCheckPasses()
    {
        var check = await SandboxCheck.RunAsync(repository.Context(), CancellationToken.None);

        Assert.True(check.Status == CheckStatus.Ok, $"{check.Finding}\nfix: {check.Fix}");
        Assert.StartsWith(Sandboxes.ForThisMachine().Name + ": ", check.Finding, StringComparison.Ordinal);
        Assert.Null(check.Fix);
    }

    [Fact]
    public async Task WhenUserNamespacesAreRefused_FailsWithTheSysctlThatAllowsThem_OrSandboxOff()
    {
        // A bwrap that answers --version and then fails as the real one does where unprivileged user namespaces are off.
        var bwrap = repository.Script("bwrap", """
            if [ "$1" = "--version" ]; then echo "bubblewrap 0.11.0"; exit 0; fi
            echo "bwrap: setting up uid map: Permission denied" >&2
            exit 1
            """);

        var check = await SandboxCheck.RunAsync(repository.Context() with { Sandbox = new Bubblewrap(bwrap) }, CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("bubblewrap: agents cannot be confined here", check.Finding, StringComparison.Ordinal);
        Assert.Contains("setting up uid map: Permission denied", check.Finding, StringComparison.Ordinal);
        Assert.Contains("sysctl -w kernel.unprivileged_userns_clone=1", check.Fix, StringComparison.Ordinal);
        Assert.Contains("kernel.apparmor_restrict_unprivileged_userns=0", check.Fix, StringComparison.Ordinal);
        Assert.EndsWith("set `sandbox: off` in clawclip.yaml", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenBubblewrapIsGone_FailsWithTheInstallCommand_OrSandboxOff()
    {
        var gone = Path.Combine(repository.Top, "no-such-bwrap");

        var check = await SandboxCheck.RunAsync(repository.Context() with { Sandbox = new Bubblewrap(gone) }, CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains(gone, check.Finding, StringComparison.Ordinal);
        Assert.Contains("apt-get install bubblewrap", check.Fix, StringComparison.Ordinal);
        Assert.EndsWith("set `sandbox: off` in clawclip.yaml", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithNoSandboxOnThisMachine_TheReportFails_SayingWhatToInstall()
    {
        var missing = new MissingSandbox("bubblewrap (bwrap) is not installed", "install it: `apt-get install bubblewrap`");
        repository.Agent("dev-1", command: "[sh, -c, 'exit 0']");

        var report = await new DoctorChecks(repository.Context() with { Sandbox = missing }).RunAsync(CancellationToken.None);

        Assert.True(report.HasFailures);
        var check = Assert.Single(report.Results, r => r.Check == "sandbox");
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Equal("missing: agents cannot be confined here: bubblewrap (bwrap) is not installed", check.Finding);
        Assert.Equal("install it: `apt-get install bubblewrap`; or, to run agents unconfined on purpose, set `sandbox: off` in clawclip.yaml", check.Fix);
    }

    [Fact]
    public async Task WithSandboxOff_Warns_ThatAgentsRunUnconfined()
    {
        var check = await SandboxCheck.RunAsync(repository.Context() with { Sandbox = Unconfined.Instance }, CancellationToken.None);

        Assert.Equal(CheckStatus.Warn, check.Status);
        Assert.Contains("agents run unconfined", check.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithSandboxOffInClawclipYaml_Warns_EvenWhereASandboxWorks()
    {
        repository.Write("clawclip.yaml", "checks:\n  test: [/bin/true]\nsandbox: off\n");

        var check = await SandboxCheck.RunAsync(repository.Context(), CancellationToken.None);

        Assert.Equal(CheckStatus.Warn, check.Status);
        Assert.Contains("agents run unconfined", check.Finding, StringComparison.Ordinal);
    }
}
