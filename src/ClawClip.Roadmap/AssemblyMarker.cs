namespace ClawClip.Roadmap;
internal static class AssemblyMarker { }
