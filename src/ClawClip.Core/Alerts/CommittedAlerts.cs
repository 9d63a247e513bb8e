using ClawClip.Core.State;

namespace ClawClip.Core.Alerts;

/// <summary>
/// Alerts that go out only once the lineage holds every change made before them: each raise first waits for the
/// records waiting now to be committed (<see cref="ILineageWriter.FlushAndWaitAsync"/>), then hands the alert on. For a
/// part that raises in the middle of a step (a task stopped for a person), so a person who follows the alert to
/// <c>git log clawclip/state</c> finds the decision there. Waits on the local lineage only, never on the network.
/// </summary>
public sealed class CommittedAlerts : IAlerts
{
    private readonly ILineageWriter lineage;
    private readonly IAlerts inner;

    public CommittedAlerts(ILineageWriter lineage, IAlerts inner)
    {
        this.lineage = lineage;
        this.inner = inner;
    }

    /// <inheritdoc />
    public async ValueTask RaiseAsync(Alert alert, CancellationToken cancellationToken)
    {
        await lineage.FlushAndWaitAsync(cancellationToken).ConfigureAwait(false);
        await inner.RaiseAsync(alert, cancellationToken).ConfigureAwait(false);
    }
}
