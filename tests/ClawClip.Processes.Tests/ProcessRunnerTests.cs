using System.Text;

namespace ClawClip.Processes.Tests;

// Every test here runs real processes. Longer than most files because each requirement on the one
// runner is proved here, end to end, on its own.
[Collection(RunAlone.Name)]
public sealed class ProcessRunnerTests
{
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan DeathDeadline = TimeSpan.FromSeconds(5);

    private readonly ProcessRunner _runner = new();

    [Fact]
    public async Task RunAsync_PassesEachArgumentVerbatim_AsOneArgvEntry()
    {
        string[] arguments =
        [
            "two words", "it's \"quoted\"", "$HOME", "a;b && c | d > e", "line one\nline two", "",
            "ünïcødé ✓ 🎉", "*", "--flag=x y", @"back\slash", " padded ", "\t", "`date`", "$(id)",
        ];

        var result = await _runner.RunAsync(Specs.Sh("printf '%s\\0' \"$@\"", arguments), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(arguments, result.StandardOutput.Split('\0')[..^1]);
    }

    [Fact]
    public async Task RunAsync_WithoutInheritance_GivesTheChildOnlyTheGivenEnvironment()
    {
        var parentOnly = UniqueVariableName();
        Environment.SetEnvironmentVariable(parentOnly, "from the parent");
        try
        {
            var spec = ProcessSpec.Create("/usr/bin/env") with
            {
                Environment = new Dictionary<string, string> { ["GIVEN"] = "yes", ["SPACED"] = "a b" },
            };

            var result = await _runner.RunAsync(spec, CancellationToken.None);

            // Not even PATH: the child sees exactly what it was given.
            Assert.Equal(["GIVEN=yes", "SPACED=a b"], Lines(result.StandardOutput).Order(StringComparer.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(parentOnly, null);
        }
    }

    [Fact]
    public async Task RunAsync_WithInheritance_GivesTheChildTheParentEnvironmentOverlaidByTheGivenOne()
    {
        var parentOnly = UniqueVariableName();
        var overridden = UniqueVariableName();
        var given = UniqueVariableName();
        Environment.SetEnvironmentVariable(parentOnly, "from the parent");
        Environment.SetEnvironmentVariable(overridden, "the parent's value");
        try
        {
            var spec = ProcessSpec.Create("/usr/bin/env") with
            {
                InheritEnvironment = true,
                Environment = new Dictionary<string, string> { [overridden] = "the given value", [given] = "given" },
            };

            var lines = Lines((await _runner.RunAsync(spec, CancellationToken.None)).StandardOutput);

            Assert.Contains($"{parentOnly}=from the parent", lines);
            Assert.Contains($"{overridden}=the given value", lines);
            Assert.Contains($"{given}=given", lines);
            Assert.DoesNotContain($"{overridden}=the parent's value", lines);
        }
        finally
        {
            Environment.SetEnvironmentVariable(parentOnly, null);
            Environment.SetEnvironmentVariable(overridden, null);
        }
    }

    [Fact]
    public async Task RunAsync_WritesStandardInputToTheChild_WhileReadingItsOutput()
    {
        // 1 MiB each way is far past a pipe's buffer: writing all before reading would deadlock.
        var input = new byte[MiB];
        new Random(42).NextBytes(input);
        var spec = ProcessSpec.Create("cat").WithEnvironmentFromParent("PATH") with { StandardInput = input };

        var result = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.False(result.StandardOutputTruncated);
        Assert.True(input.AsSpan().SequenceEqual(result.RawStandardOutput.Span), "cat echoed other bytes than it was given");
    }

    [Fact]
    public async Task RunAsync_WithoutStandardInput_ClosesIt_SoAReaderSeesEndOfFile()
    {
        var spec = ProcessSpec.Create("cat").WithEnvironmentFromParent("PATH") with { Timeout = TimeSpan.FromSeconds(30) };

        var result = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.False(result.TimedOut);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, result.StandardOutputBytes);
    }

    [Fact]
    public async Task RunAsync_WhenTheChildExitsWithoutReadingItsInput_ReturnsItsExitCode()
    {
        var spec = Specs.Sh("exit 4") with { StandardInput = new byte[MiB] };

        var result = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal(4, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_ReadsLargeStdoutAndStderrTogether_WithoutDeadlock()
    {
        var spec = Specs.Sh("for i in 1 2 3 4 5 6 7 8 9 10; do head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2; done") with
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        var result = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.False(result.TimedOut, "the child did not finish: its output was not read as it came");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(10L * MiB, result.StandardOutputBytes);
        Assert.Equal(10L * MiB, result.StandardErrorBytes);
    }

    [Fact]
    public async Task RunAsync_WithOutputPastTheLimit_KeepsItsHeadAndTail_AndCountsEveryByte()
    {
        var spec = Specs.Sh("printf START; head -c 100000 /dev/zero | tr '\\0' x; printf END; printf oops >&2") with
        {
            MaxOutputBytes = 1000,
        };

        var result = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.True(result.StandardOutputTruncated);
        Assert.Equal(100_008, result.StandardOutputBytes);
        Assert.Equal(1000, result.RawStandardOutput.Length);
        Assert.StartsWith("START" + new string('x', 495) + "\n[... 99008 bytes omitted ...]\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith(new string('x', 497) + "END", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(result.StandardErrorTruncated);
        Assert.Equal("oops", result.StandardError);
    }

    [Fact]
    public async Task RunAsync_With50MegabytesOfOutput_HoldsOnlyTheLimitInMemory()
    {
        var spec = ProcessSpec.Create("head", "-c", "52428800", "/dev/zero").WithEnvironmentFromParent("PATH") with
        {
            MaxOutputBytes = MiB,
        };
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var result = await _runner.RunAsync(spec, CancellationToken.None);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(50L * MiB, result.StandardOutputBytes);
        Assert.True(result.StandardOutputTruncated);
        Assert.Equal(MiB, result.RawStandardOutput.Length);
        // What is kept (1 MiB of bytes, 2 MiB of UTF-16 text) and some slack; nowhere near the 50 MiB that passed.
        Assert.True(allocated < 20L * MiB, $"capturing 50 MiB with a 1 MiB limit allocated {allocated / MiB} MiB");
    }

    [Fact]
    public async Task RunAsync_WhenTheTimeoutExpires_KillsTheShellAndItsChildren_EvenOneIgnoringSigterm()
    {
        var spec = Specs.Sh("echo $$; sleep 1000 & echo $!; sleep 1000 & echo $!; (trap '' TERM; exec sleep 1000) & echo $!; wait") with
        {
            Timeout = TimeSpan.FromSeconds(1),
        };

        var result = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.True(result.TimedOut);
        Assert.Equal(137, result.ExitCode);
        var pids = Specs.Pids(result.StandardOutput);
        Assert.Equal(4, pids.Length);
        await AllDead(pids);
    }

    [RequiresProcessGroupsFact]
    public async Task RunAsync_WhenTheTimeoutExpires_KillsGrandchildrenAlreadyReparentedToInit()
    {
        // Each subshell starts a sleep and exits at once, leaving the sleep an orphan no tree walk can find.
        var spec = Specs.Sh("(sleep 1000 & echo $!); (trap '' TERM; sleep 1000 & echo $!); exec sleep 1000") with
        {
            Timeout = TimeSpan.FromSeconds(1),
        };

        var result = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.True(result.TimedOut);
        var orphans = Specs.Pids(result.StandardOutput);
        Assert.Equal(2, orphans.Length);
        await AllDead(orphans);
    }

    [Fact]
    public async Task RunAsync_WhenCanceled_KillsTheTree_ThenThrowsOperationCanceled()
    {
        using var directory = new TemporaryDirectory();
        var pidFile = directory.File("pids");
        var spec = Specs.Sh("echo $$ >> \"$1\"; sleep 1000 & echo $! >> \"$1\"; (trap '' TERM; exec sleep 1000) & echo $! >> \"$1\"; wait", pidFile);
        using var cancellation = new CancellationTokenSource();

        var run = _runner.RunAsync(spec, cancellation.Token);
        await Eventually.True(() => File.Exists(pidFile) && Lines(File.ReadAllText(pidFile)).Length == 3, TimeSpan.FromSeconds(10), "the script wrote its three pids");
        await cancellation.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(cancellation.Token, exception.CancellationToken);
        await AllDead(Specs.Pids(File.ReadAllText(pidFile)));
    }

    [Fact]
    public async Task RunAsync_WhenAlreadyCanceled_ThrowsWithoutStartingTheProgram()
    {
        using var directory = new TemporaryDirectory();
        var spec = Specs.Sh("touch started") with { WorkingDirectory = directory.Path };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runner.RunAsync(spec, new CancellationToken(canceled: true)));

        Assert.False(File.Exists(directory.File("started")));
    }

    [RequiresProcessGroupsFact]
    public async Task RunAsync_WhenTheChildExits_KillsWhatItLeftRunningInItsGroup_WithoutWaitingForIt()
    {
        // The sleep keeps stdout open: without the group kill the runner would wait out its drain grace.
        var runner = new ProcessRunner(TimeProvider.System, outputDrainGrace: TimeSpan.FromSeconds(30));

        var result = await runner.RunAsync(Specs.Sh("sleep 1000 & echo $!"), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Duration < TimeSpan.FromSeconds(10), $"took {result.Duration}");
        await AllDead(Specs.Pids(result.StandardOutput));
    }

    [RequiresProcessGroupsFact]
    public async Task RunAsync_WhenADetachedDescendantHoldsTheOutputOpen_ReturnsWhatWasReadAfterTheDrainGrace()
    {
        // A descendant that makes its own session is out of the group's reach, by design (a daemon).
        // The script exits only once the descendant has left the group (it writes its pid after setsid).
        using var directory = new TemporaryDirectory();
        var runner = new ProcessRunner(TimeProvider.System, outputDrainGrace: TimeSpan.FromMilliseconds(200));
        var spec = Specs.Sh(
            """
            "$1" sh -c 'echo $$ > "$1.new"; mv "$1.new" "$1"; exec sleep 1000' sh "$2" &
            while [ ! -f "$2" ]; do sleep 0.01; done
            cat "$2"
            """,
            ProcessGroup.Setsid!,
            directory.File("daemon"));

        var result = await runner.RunAsync(spec, CancellationToken.None);

        var daemon = Assert.Single(Specs.Pids(result.StandardOutput));
        try
        {
            Assert.Equal(0, result.ExitCode);
            Assert.True(ProcessProbe.IsAlive(daemon));
        }
        finally
        {
            ProcessProbe.KillIfAlive(daemon);
        }
    }

    [Fact]
    public async Task RunAsync_ReturnsANonZeroExitCode_WithoutThrowing()
    {
        var result = await _runner.RunAsync(Specs.Sh("echo failing >&2; exit 3"), CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Equal("failing\n", result.StandardError);
    }

    [Fact]
    public async Task RunAsync_WhenASignalEndsTheChild_ReturnsTheExitCodeAs128PlusTheSignal()
    {
        var result = await _runner.RunAsync(Specs.Sh("kill -9 $$"), CancellationToken.None);

        Assert.Equal(137, result.ExitCode);
        Assert.False(result.TimedOut);
    }

    [Fact]
    public async Task RunAsync_ForAMissingProgram_ThrowsProcessStartException_NamingItAndThePathSearched()
    {
        var spec = ProcessSpec.Create("clawclip-no-such-program", "arg").WithEnvironmentVariable("PATH", "/no/such/dir:/bin");

        var exception = await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(spec, CancellationToken.None));

        Assert.Equal("Cannot start 'clawclip-no-such-program': no executable 'clawclip-no-such-program' in any directory of PATH '/no/such/dir:/bin'.", exception.Message);
        Assert.Equal("/no/such/dir:/bin", exception.SearchedPath);
    }

    [Fact]
    public async Task RunAsync_ForAMissingWorkingDirectory_ThrowsProcessStartException_NamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "clawclip-no-such-directory-" + Guid.NewGuid().ToString("N"));
        var spec = Specs.Sh("true") with { WorkingDirectory = missing };

        var exception = await Assert.ThrowsAsync<ProcessStartException>(() => _runner.RunAsync(spec, CancellationToken.None));

        Assert.Contains($"the working directory '{missing}' does not exist", exception.Message, StringComparison.Ordinal);
        Assert.Equal(missing, exception.WorkingDirectory);
    }

    [Fact]
    public async Task RunAsync_RunsTheChildInTheGivenWorkingDirectory()
    {
        using var directory = new TemporaryDirectory();

        var result = await _runner.RunAsync(Specs.Sh("printf here > marker") with { WorkingDirectory = directory.Path }, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("here", await File.ReadAllTextAsync(directory.File("marker")));
    }

    [Fact]
    public async Task RunAsync_WithStandardInputText_SendsItAsUtf8()
    {
        var spec = ProcessSpec.Create("cat").WithEnvironmentFromParent("PATH").WithStandardInput("héllo ✓");

        var result = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal("héllo ✓", result.StandardOutput);
        Assert.Equal(Encoding.UTF8.GetBytes("héllo ✓"), result.RawStandardOutput.ToArray());
    }

    private static string UniqueVariableName() => "CLAWCLIP_TEST_" + Guid.NewGuid().ToString("N");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task AllDead(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            await Eventually.True(() => !ProcessProbe.IsAlive(pid), DeathDeadline, $"process {pid} is dead");
        }
    }
}
