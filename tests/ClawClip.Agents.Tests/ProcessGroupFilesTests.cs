using System.Diagnostics;
using ClawClip.Core.Tasks;
using ClawClip.Processes;

namespace ClawClip.Agents.Tests;

public sealed class ProcessGroupFilesTests : IDisposable
{
    private static readonly TaskId Gated = TaskId.Parse("T-0001");
    private static readonly TaskId Worked = TaskId.Parse("T-0002");

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task StopGateLeftovers_KillsEveryGateRecorded_AndLeavesTheTasksWorkAlone()
    {
        var leftovers = new ProcessGroupFiles(Path.Combine(folder.Path, "runs"));
        var gate = Start(leftovers.RecordGateFor(Gated)!);
        var work = Start(leftovers.RecordFor(Worked)!);
        await RecordedAsync(leftovers.RecordGateFor(Gated)!);
        await RecordedAsync(leftovers.RecordFor(Worked)!);

        Assert.Equal([Gated], leftovers.StopGateLeftovers());

        Assert.Equal(137, (await gate.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
        Assert.False(work.IsCompleted);
        Assert.Empty(leftovers.StopGateLeftovers()); // nothing recorded any more

        Assert.True(leftovers.StopLeftovers(Worked));
        Assert.Equal(137, (await work.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
    }

    [Fact]
    public void StopGateLeftovers_BeforeAnythingWasRecorded_StopsNothing() =>
        Assert.Empty(new ProcessGroupFiles(Path.Combine(folder.Path, "never-made")).StopGateLeftovers());

    private static Task<ProcessResult> Start(string groupFile) =>
        new ProcessRunner().RunAsync(ProcessSpec.Create("/bin/sh", "-c", "exec sleep 1000") with { GroupFile = groupFile, Timeout = TimeSpan.FromMinutes(5) }, CancellationToken.None);

    private static async Task RecordedAsync(string file)
    {
        var started = Stopwatch.GetTimestamp();
        while (!(File.Exists(file) && new FileInfo(file).Length > 0))
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30), $"{file} to be recorded");
            await Task.Delay(10);
        }
    }
}
