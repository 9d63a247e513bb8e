using ClawClip.FakeWebhook;
using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon.Tests.Notifications.Support;

/// <summary>A logger that keeps what it is told, and lets a test wait for an entry the background sender will write.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly object gate = new();
    private readonly List<LogEntry> entries = [];
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource<LogEntry> Found)> waiters = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>Entries of the event named <paramref name="name"/> (the logging method's name), in order.</summary>
    public IReadOnlyList<LogEntry> Named(string name) => [.. Entries.Where(e => e.Event.Name == name)];

    /// <summary>
    /// The <paramref name="nth"/> entry (1 for the first) of the event named <paramref name="name"/>, once it is
    /// written; fails the test after <see cref="WebhookListener.Deadline"/>.
    /// </summary>
    public Task<LogEntry> WaitForAsync(string name, int nth = 1)
    {
        var seen = 0;
        return WaitForAsync(e => e.Event.Name == name && ++seen == nth);
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value)
            : [];
        var entry = new LogEntry(logLevel, eventId, formatter(state, exception), properties, exception);
        List<TaskCompletionSource<LogEntry>> found = [];
        lock (gate)
        {
            entries.Add(entry);
            foreach (var waiter in waiters.Where(w => w.Match(entry)).ToList())
            {
                waiters.Remove(waiter);
                found.Add(waiter.Found);
            }
        }

        foreach (var done in found)
        {
            done.TrySetResult(entry);
        }
    }

    private Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match)
    {
        lock (gate)
        {
            foreach (var entry in entries)
            {
                if (match(entry))
                {
                    return Task.FromResult(entry);
                }
            }

            var found = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((match, found));
            return found.Task.WaitAsync(WebhookListener.Deadline);
        }
    }
}
