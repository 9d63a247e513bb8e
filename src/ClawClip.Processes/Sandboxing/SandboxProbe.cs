namespace ClawClip.Processes.Sandboxing;

/// <summary>Whether a sandbox works on this machine: what was tried and, when it does not, what to do about it.</summary>
/// <param name="Works">A confined process started and exited cleanly.</param>
/// <param name="Detail">What was found (the program and its version, or why it failed).</param>
/// <param name="Fix">What a person does to make it work; null when it works.</param>
public sealed record SandboxProbe(bool Works, string Detail, string? Fix);
