using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.Git;

namespace ClawClip.Daemon.Notifications;

/// <summary>
/// Reads a day's activity where it is recorded: done and failed tasks and the cost of runs from the task files'
/// histories, tier changes from the lineage (the trust commits' <c>Policy</c>, <c>Agent</c> and <c>Tier</c> trailers).
/// </summary>
public sealed class StateDailyActivity : IDailyActivitySource
{
    private readonly ITaskStore store;
    private readonly LineageLog lineage;

    public StateDailyActivity(ITaskStore store, LineageLog lineage)
    {
        this.store = store;
        this.lineage = lineage;
    }

    /// <inheritdoc />
    public async Task<DailyActivity> ReadAsync(DateOnly day, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken)
    {
        bool Within(TaskEvent e) => e.At >= start && e.At < until;
        var tasks = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var done = tasks.Where(t => t.History.Any(e => e.To == TaskState.Done && Within(e))).Select(t => new DailyTask(t.Id, t.Definition.Title)).ToList();
        var failed = tasks.Where(t => t.Status == TaskState.Failed && t.History.Any(e => e.To == TaskState.Failed && Within(e))).Select(t => new DailyTask(t.Id, t.Definition.Title)).ToList();
        var cost = tasks.SelectMany(t => t.History).Where(Within).Sum(e => e.CostUsd ?? 0m);
        return new DailyActivity(day, done, failed, cost, await TierChangesAsync(start, until, cancellationToken).ConfigureAwait(false));
    }

    // A trust commit moves a tier by one step: its Tier trailer is where the agent landed.
    private async Task<IReadOnlyList<TierChange>> TierChangesAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var changes = new List<TierChange>();
        foreach (var entry in await lineage.ReadBetweenAsync(start, until, cancellationToken).ConfigureAwait(false))
        {
            if (!AgentId.TryParse(entry.Trailer("Agent"), out var agent) || !TierNames.TryParse(entry.Trailer("Tier"), out var tier))
            {
                continue;
            }

            switch (entry.Trailer("Policy"))
            {
                case "trust.promotion" when tier > Tier.Intern:
                    changes.Add(new TierChange(agent, tier - 1, tier));
                    break;
                case "trust.demotion" when tier < Tier.Principal:
                    changes.Add(new TierChange(agent, tier + 1, tier));
                    break;
            }
        }

        return changes;
    }
}
