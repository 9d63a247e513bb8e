using System.Diagnostics;
using ClawClip.Daemon.Doctor;
using ClawClip.Daemon.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClawClip.Daemon.Tests.Doctor;

public sealed class DoctorRequestWatcherTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly TemporaryFolder temporary = new();
    private readonly DoctorExchange exchange;
    private int runs;

    public DoctorRequestWatcherTests() => exchange = new DoctorExchange(Path.Combine(temporary.Root, ".clawclip", "requests"));

    public void Dispose() => temporary.Dispose();

    [Fact]
    public async Task ARequestWrittenWhileItWatches_IsAnsweredWithTheChecksOfThisProcess_AndRemoved()
    {
        using var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        var id = DoctorExchange.NewId();

        exchange.WriteRequest(new DoctorRequest(1, id, 1, DateTimeOffset.UtcNow));
        var reply = await ReplyAsync(id);
        await watcher.StopAsync(CancellationToken.None);

        Assert.Equal(Environment.ProcessId, reply.Pid);
        Assert.Equal("checked in the test", Assert.Single(reply.Report!.Results).Finding);
        Assert.False(File.Exists(exchange.RequestPath(id)));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task ARequestWrittenBeforeItStarted_IsAnswered()
    {
        var id = DoctorExchange.NewId();
        exchange.WriteRequest(new DoctorRequest(1, id, 1, DateTimeOffset.UtcNow));
        using var watcher = Watcher();

        await watcher.StartAsync(CancellationToken.None);
        var reply = await ReplyAsync(id);
        await watcher.StopAsync(CancellationToken.None);

        Assert.NotNull(reply.Report);
    }

    [Fact]
    public async Task AMalformedRequest_GetsAReplyThatSaysWhatIsWrongWithIt_AndNoChecksRun()
    {
        using var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        var id = DoctorExchange.NewId();

        File.WriteAllText(Path.Combine(exchange.Folder, $".doctor-{id}.json.1.tmp"), "{ \"schema\": 7 }");
        File.Move(Path.Combine(exchange.Folder, $".doctor-{id}.json.1.tmp"), exchange.RequestPath(id));
        var reply = await ReplyAsync(id);
        await watcher.StopAsync(CancellationToken.None);

        Assert.Null(reply.Report);
        Assert.Contains("the daemon could not read the request: " + exchange.RequestPath(id), reply.Error, StringComparison.Ordinal);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task ChecksThatThrow_GetAReplyWithTheReason_AndTheWatcherGoesOn()
    {
        var fail = true;
        using var watcher = new DoctorRequestWatcher(exchange, _ => fail ? throw new InvalidOperationException("boom") : Task.FromResult(Report()), NullLogger.Instance, TimeProvider.System);
        await watcher.StartAsync(CancellationToken.None);
        var first = DoctorExchange.NewId();
        exchange.WriteRequest(new DoctorRequest(1, first, 1, DateTimeOffset.UtcNow));
        var failed = await ReplyAsync(first);

        fail = false;
        var second = DoctorExchange.NewId();
        exchange.WriteRequest(new DoctorRequest(1, second, 1, DateTimeOffset.UtcNow));
        var answered = await ReplyAsync(second);
        await watcher.StopAsync(CancellationToken.None);

        Assert.Contains("InvalidOperationException: boom", failed.Error, StringComparison.Ordinal);
        Assert.NotNull(answered.Report);
    }

    private DoctorRequestWatcher Watcher() => new(exchange, _ =>
    {
        Interlocked.Increment(ref runs);
        return Task.FromResult(Report());
    }, NullLogger.Instance, TimeProvider.System);

    private static DoctorReport Report() => new(1, CheckedBy.Daemon, Environment.ProcessId, DateTimeOffset.UtcNow, [CheckResult.Ok("git", "checked in the test")]);

    private async Task<DoctorReply> ReplyAsync(string id)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (exchange.TryReadReply(id) is { } reply)
            {
                return reply;
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < Deadline, $"no reply to {id} within {Deadline.TotalSeconds} s");
            await Task.Delay(10);
        }
    }
}
