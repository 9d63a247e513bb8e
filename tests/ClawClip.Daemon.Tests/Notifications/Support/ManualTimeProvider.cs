namespace ClawClip.Daemon.Tests.Notifications.Support;

/// <summary>
/// A clock that stands still until a test moves it. Its timers (behind <c>Task.Delay</c>, <c>WaitAsync</c> and
/// timed cancellation) fire inside <see cref="Advance"/>, and a test can wait for the code under test to start one:
/// no test sleeps to give the code a chance to get there.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly object gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Found)> waiters = [];
    private DateTimeOffset now;

    public ManualTimeProvider(DateTimeOffset start) => now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock on, firing every timer that falls due on the way, in order, outside the lock.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (gate)
        {
            target = now + by;
        }

        while (true)
        {
            ManualTimer? due;
            lock (gate)
            {
                due = timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    now = target;
                    return;
                }

                now = due.DueAt;
                if (due.Period is { } period)
                {
                    due.DueAt += period;
                }
                else
                {
                    timers.Remove(due);
                }
            }

            due.Fire();
        }
    }

    /// <summary>
    /// Completes, with the time left on it, once a timer is running that falls due within a span for which
    /// <paramref name="match"/> holds — at once if one already is.
    /// </summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        lock (gate)
        {
            foreach (var timer in timers)
            {
                if (match(timer.DueAt - now))
                {
                    return Task.FromResult(timer.DueAt - now);
                }
            }

            var found = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((match, found));
            return found.Task;
        }
    }

    /// <summary>Timers running now, for assertions that nothing is waiting.</summary>
    public int RunningTimers
    {
        get
        {
            lock (gate)
            {
                return timers.Count;
            }
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<(TaskCompletionSource<TimeSpan> Found, TimeSpan Left)> matched = [];
        lock (gate)
        {
            timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            timers.Add(timer);
            foreach (var waiter in waiters.Where(w => w.Match(dueTime)).ToList())
            {
                waiters.Remove(waiter);
                matched.Add((waiter.Found, dueTime));
            }
        }

        foreach (var (found, left) in matched)
        {
            found.TrySetResult(left);
        }
    }

    private void Cancel(ManualTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Cancel(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
