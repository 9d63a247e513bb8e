namespace ClawClip.Core.Goals;

/// <summary>ROADMAP.md as committed on the target branch: the commit it was read from, and what was read.</summary>
public sealed record RoadmapOnMain(string Commit, RoadmapReadResult Result);
