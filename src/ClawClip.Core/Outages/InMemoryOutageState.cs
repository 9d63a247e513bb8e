namespace ClawClip.Core.Outages;

/// <summary>Outages kept in memory only: what a pipeline built without a state folder gets (and the unit tests).</summary>
public sealed class InMemoryOutageState : IOutageState
{
    private readonly Lock gate = new();
    private OutageState state = OutageState.Empty;

    /// <summary>How many updates were written.</summary>
    public int Writes { get; private set; }

    public Task<OutageState> ReadOutagesAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(state);
        }
    }

    public Task<OutageUpdate?> UpdateOutagesAsync(Func<OutageState, OutageUpdate?> decide, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var update = decide(state);
            if (update is not null)
            {
                state = update.Next;
                Writes++;
            }

            return Task.FromResult(update);
        }
    }
}
