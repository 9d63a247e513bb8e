namespace ClawClip.Core.Protection;

/// <summary>What the merge gate holds one task's commits to, besides its checks.</summary>
/// <param name="Protected">Paths whose change waits for a person (<see cref="ProtectedPaths"/>).</param>
/// <param name="PersonApproved">
/// A person approved this work after it last changed, having been told which protected paths it touches
/// (<see cref="ProtectedPathApproval"/>): protected paths no longer hold it. <see cref="LandingGuard"/>'s rules hold
/// whatever a person approved.
/// </param>
public sealed record LandingRules(ProtectedPaths Protected, bool PersonApproved);
