using ClawClip.Core.Agents;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// How many runs each agent of the team has going in this process, against its <c>max_concurrent_tasks</c>. The
/// dispatcher takes a dev's slot for every task it sets the dev to work on (and gives it back when the task's step
/// ends); a review waits for a free slot of its reviewer, so a QA agent with one slot reviews one task at a time
/// however many devs finish together. Safe from any thread.
/// </summary>
/// <remarks>
/// Slots count runs in this process only; whether a dev may claim one more task is counted from the tasks it holds in
/// the store (<see cref="DevHoldings"/>), which also sees tasks a killed runner left and tasks another process runs.
/// </remarks>
internal sealed class AgentSlots
{
    private readonly Dictionary<AgentId, SemaphoreSlim> slots;
    private readonly Dictionary<AgentId, int> capacity;

    public AgentSlots(Team team)
    {
        capacity = team.Members.ToDictionary(m => m.Name, m => m.Definition.MaxConcurrentTasks);
        slots = capacity.ToDictionary(c => c.Key, c => new SemaphoreSlim(c.Value, c.Value));
    }

    /// <summary>Takes one of <paramref name="agent"/>'s slots if one is free now; false when all are in use.</summary>
    public bool TryTake(AgentId agent) => slots[agent].Wait(0);

    /// <summary>Waits for one of <paramref name="agent"/>'s slots; disposing the result gives it back.</summary>
    public async Task<IDisposable> TakeAsync(AgentId agent, CancellationToken cancellationToken)
    {
        await slots[agent].WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(this, agent);
    }

    /// <summary>Gives back a slot taken with <see cref="TryTake"/>.</summary>
    public void Release(AgentId agent) => slots[agent].Release();

    /// <summary>How many of <paramref name="agent"/>'s slots are in use now.</summary>
    public int InUse(AgentId agent) => capacity[agent] - slots[agent].CurrentCount;

    private sealed class Slot(AgentSlots owner, AgentId agent) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.Release(agent);
            }
        }
    }
}
