namespace ClawClip.State;
internal static class AssemblyMarker { }
