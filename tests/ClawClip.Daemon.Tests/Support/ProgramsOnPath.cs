namespace ClawClip.Daemon.Tests.Support;

public static class ProgramsOnPath
{
    /// <summary>The full path of <paramref name="program"/> as a shell would find it, or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
