namespace ClawClip.Core.Pipeline;

/// <summary>A step of a task's work that failed the same way <see cref="Times"/> times in a row.</summary>
/// <param name="Step">Which step: <c>dev run</c>, <c>checks</c>, <c>review</c>.</param>
/// <param name="Failure">How it failed the last time (the event's reason, first line).</param>
/// <param name="Times">How many times in a row it failed so.</param>
public sealed record RepeatedStep(string Step, string Failure, int Times);
