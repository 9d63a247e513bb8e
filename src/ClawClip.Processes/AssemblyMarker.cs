namespace ClawClip.Processes;
internal static class AssemblyMarker { }
