using System.Runtime.Versioning;

// The runner and these tests target Linux and macOS: they run /bin/sh, set Unix file modes and signal pids.
[assembly: UnsupportedOSPlatform("windows")]
