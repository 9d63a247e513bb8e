namespace ClawClip.Core.Alerts;

/// <summary>
/// Where the orchestration says that something needs a person: an escalated task, a budget running low, a paused
/// agent or team. The daemon sends alerts on (a webhook); the command line prints them. Raising one never waits on
/// the network and never throws for a delivery problem: the orchestration does not depend on who listens.
/// </summary>
public interface IAlerts
{
    ValueTask RaiseAsync(Alert alert, CancellationToken cancellationToken);
}
