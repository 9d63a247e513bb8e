namespace ClawClip.Core.Protection;

/// <summary>Why the merge gate will not land a task's commits, naming the path.</summary>
/// <param name="Path">The path at fault.</param>
/// <param name="Reason">What is wrong with it, as a clause (<c>points to '/etc/passwd', an absolute path outside the tree</c>).</param>
public sealed record LandingRefusal(string Path, string Reason)
{
    public override string ToString() => $"{Path} {Reason}";
}
