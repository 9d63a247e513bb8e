namespace ClawClip.Git;
internal static class AssemblyMarker { }
