namespace ClawClip.State;

/// <summary>
/// A file (or folder, or symbolic link) taken out of the team's way because it could not be read as what its place
/// under <c>state/</c> says it is. Paths are relative to the repository, as a person types them to put it back.
/// </summary>
/// <param name="Origin">Where it was: <c>state/tasks/backlog/00/T-0001.json</c>.</param>
/// <param name="Path">Where it is now: <c>state/quarantine/20260314T092653Z-1a2b3c/T-0001.json</c>.</param>
/// <param name="Kind"><c>file</c>, <c>directory</c> or <c>symlink</c>.</param>
/// <param name="At">When it was moved.</param>
/// <param name="Problem">Why: the parse error, or what does not belong there.</param>
public sealed record QuarantinedFile(string Origin, string Path, string Kind, DateTimeOffset At, string Problem);
