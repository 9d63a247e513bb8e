namespace ClawClip.Processes.Tests;

/// <summary>
/// The launcher macOS gets, since it ships no setsid: the system perl makes the session and execs. Run here, where
/// perl exists too, against the same promises setsid keeps: the child's own pid, exit code, arguments and pipes,
/// and a group that SIGKILL reaches after its children were re-parented.
/// </summary>
public sealed class PerlLauncherTests
{
    private static readonly TimeSpan DeathDeadline = TimeSpan.FromSeconds(10);

    private static ProcessRunner Runner() =>
        new(TimeProvider.System, TimeSpan.FromSeconds(5), GroupLauncher.Perl(ProcessGroup.Perl ?? throw new InvalidOperationException("no /usr/bin/perl here")));

    [RequiresPerlFact]
    public async Task RunAsync_ThroughPerl_TheChildKeepsItsArgumentsPidExitCodeAndOutput()
    {
        var result = await Runner().RunAsync(
            Specs.Sh("printf '%s|' \"$@\"; echo; ps -o pid=,pgid=,sid= -p $$ | tr -s ' '; exit 7", "-e", "--", "two words", "$HOME"),
            CancellationToken.None);

        Assert.Equal(7, result.ExitCode);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("-e|--|two words|$HOME|", lines[0]);
        var ids = lines[1].Trim().Split(' ');
        Assert.Equal(ids[0], ids[1]); // it leads its own group…
        Assert.Equal(ids[0], ids[2]); // …and session
    }

    [RequiresPerlFact]
    public async Task RunAsync_ThroughPerl_OnTimeout_KillsGrandchildrenAlreadyReparentedToInit()
    {
        var spec = Specs.Sh("(sleep 1000 & echo $!); (trap '' TERM; sleep 1000 & echo $!); exec sleep 1000") with
        {
            Timeout = TimeSpan.FromSeconds(1),
        };

        var result = await Runner().RunAsync(spec, CancellationToken.None);

        Assert.True(result.TimedOut);
        var orphans = Specs.Pids(result.StandardOutput);
        Assert.Equal(2, orphans.Length);
        foreach (var pid in orphans)
        {
            await Eventually.True(() => !ProcessProbe.IsAlive(pid), DeathDeadline, $"process {pid} is dead");
        }
    }

    [RequiresPerlFact]
    public async Task RunAsync_ThroughPerl_AProgramThatCannotRun_FailsWithTheReason()
    {
        using var directory = new TemporaryDirectory();
        // Executable, but its interpreter is missing: exec itself fails, after the launcher has started.
        var script = directory.File("script");
        await File.WriteAllTextAsync(script, "#!/nonexistent/interpreter\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var result = await Runner().RunAsync(ProcessSpec.Create(script, []), CancellationToken.None);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("cannot run", result.StandardError, StringComparison.Ordinal);
    }
}
