namespace ClawClip.Processes.Tests;

public sealed class LeftoverProcessesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clawclip-groups-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [RequiresProcessGroupsFact]
    public async Task GroupFile_IsThereWhileTheChildRuns_AndKillRecordedStopsTheWholeGroup()
    {
        var file = Path.Combine(folder, "runs", "T-0001.pgid");
        var spec = Specs.Sh("sleep 1000 & exec sleep 1000") with { GroupFile = file, Timeout = TimeSpan.FromMinutes(5) };
        var run = new ProcessRunner().RunAsync(spec, CancellationToken.None);
        await Eventually.True(() => File.Exists(file) && new FileInfo(file).Length > 0, TimeSpan.FromSeconds(30), "the group to be recorded");

        // What a runner taking the work over does when the one that started it died.
        Assert.True(LeftoverProcesses.KillRecorded(file));

        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, result.ExitCode);
        Assert.False(File.Exists(file));
        Assert.False(LeftoverProcesses.KillRecorded(file)); // nothing recorded any more
    }

    [RequiresPerlFact]
    public async Task KillRecorded_RightAfterTheStart_BeforeTheLauncherMadeTheGroup_WaitsForItAndKillsIt()
    {
        // A launcher slow to call setsid: the group is recorded before it exists, as on a loaded machine.
        var slow = new GroupLauncher(ProcessGroup.Perl!, ["-e", "select(undef, undef, undef, 0.5); use POSIX (); POSIX::setsid(); exec { $ARGV[0] } @ARGV", "--"]);
        var file = Path.Combine(folder, "T-0003.pgid");
        var spec = Specs.Sh("sleep 1000 & exec sleep 1000") with { GroupFile = file, Timeout = TimeSpan.FromMinutes(5) };
        var run = new ProcessRunner(TimeProvider.System, TimeSpan.FromSeconds(5), slow).RunAsync(spec, CancellationToken.None);
        await Eventually.True(() => File.Exists(file) && new FileInfo(file).Length > 0, TimeSpan.FromSeconds(30), "the group to be recorded");

        Assert.True(LeftoverProcesses.KillRecorded(file));

        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task GroupFile_IsRemovedWhenTheRunEnds()
    {
        var file = Path.Combine(folder, "T-0002.pgid");

        await new ProcessRunner().RunAsync(Specs.Sh("exit 0") with { GroupFile = file }, CancellationToken.None);

        Assert.False(File.Exists(file));
    }
}
