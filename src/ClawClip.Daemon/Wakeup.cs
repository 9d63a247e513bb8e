using ClawClip.Core.Pipeline;

namespace ClawClip.Daemon;

/// <summary>
/// Wakes every waiting loop early (a kick, a new commit on main). A loop takes its <see cref="Ticket"/> before it runs
/// and waits on that, so a wake that comes while it runs is not lost: its next wait ends at once. A work pass that is
/// running hears the same wakes as nudges (a person's approval lands while agents work).
/// </summary>
public sealed class Wakeup : IWorkNudges
{
    private readonly Lock gate = new();
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the first wake after it was taken.</summary>
    public Task Ticket
    {
        get
        {
            lock (gate)
            {
                return next.Task;
            }
        }
    }

    /// <inheritdoc />
    Task IWorkNudges.NextNudge => Ticket;

    /// <summary>Asks every loop to run now.</summary>
    public void Wake()
    {
        TaskCompletionSource woken;
        lock (gate)
        {
            woken = next;
            next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    /// <summary>Waits until <paramref name="ticket"/> completes (a wake) or <paramref name="timeout"/> passes on <paramref name="time"/>'s clock.</summary>
    public static async Task WaitAsync(Task ticket, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await ticket.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // the interval passed
        }
    }
}
