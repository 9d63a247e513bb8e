using ClawClip.Core.Alerts;
using ClawClip.Core.Pipeline;
using ClawClip.Daemon.Notifications;

namespace ClawClip.Daemon;

/// <summary>What the daemon gives the jobs it runs: where to report what they do, and whom to tell what needs a person.</summary>
/// <param name="Observer">Logs what the pipeline does.</param>
/// <param name="Alerts">Escalations, budget warnings, paused agents: logged, and sent to the webhook when one is set.</param>
/// <param name="Notifier">The webhook itself (or nobody), for messages that are not alerts, like the daily summary.</param>
/// <param name="Nudges">The kicks (a person's approval, retry or answer), for a work pass that is running.</param>
/// <param name="Stopping">Signaled when a stop is asked for (SIGTERM): jobs start no new work from then on.</param>
public sealed record DaemonContext(IPipelineObserver Observer, IAlerts Alerts, INotifier Notifier, IWorkNudges Nudges, CancellationToken Stopping);
