namespace ClawClip.Core.State;

/// <summary>What one flush of the lineage did.</summary>
/// <param name="Written">The commits this call wrote.</param>
/// <param name="LeftToHolder">
/// Another process held the lineage lock, so the records still waiting were left to it: it commits them before it
/// lets go, but they may not be on the branch yet when the call returns.
/// </param>
public readonly record struct FlushResult(int Written, bool LeftToHolder);
