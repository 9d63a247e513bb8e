namespace ClawClip.Processes.Tests;

/// <summary>
/// Runs its tests after all others and one at a time, so that a measure of the whole process's
/// allocations sees only the test being run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "Alone";
}
