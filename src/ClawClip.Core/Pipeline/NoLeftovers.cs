using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>Records nothing and stops nothing: for runtimes whose runs cannot outlive their runner.</summary>
public sealed class NoLeftovers : IRunLeftovers
{
    public static NoLeftovers Instance { get; } = new();

    public string? RecordFor(TaskId task) => null;

    public bool StopLeftovers(TaskId task) => false;

    public string? RecordGateFor(TaskId task) => null;

    public IReadOnlyList<TaskId> StopGateLeftovers() => [];
}
