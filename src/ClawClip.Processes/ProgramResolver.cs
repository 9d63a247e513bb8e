namespace ClawClip.Processes;

/// <summary>
/// Turns a spec's program name into the absolute path to execute, or explains why there is none.
/// Done here rather than left to <see cref="System.Diagnostics.Process"/>, which searches the parent's
/// PATH (not the child's), the runtime's own directory and the current directory, and reports a
/// missing program without naming where it looked.
/// </summary>
public static class ProgramResolver
{
    /// <summary>The absolute path of the program <paramref name="spec"/> names.</summary>
    /// <exception cref="ProcessStartException">No such directory, program, or not executable.</exception>
    public static string Resolve(ProcessSpec spec, IReadOnlyDictionary<string, string> childEnvironment)
    {
        var workingDirectory = spec.WorkingDirectory;
        if (workingDirectory is not null && !Directory.Exists(workingDirectory))
        {
            throw new ProcessStartException(spec.FileName, workingDirectory, $"the working directory '{workingDirectory}' does not exist.");
        }

        var fileName = spec.FileName;
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            // As the child would see it: relative to its own working directory.
            var path = Path.GetFullPath(fileName, Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory()));
            return Check(path) is { } problem
                ? throw new ProcessStartException(fileName, workingDirectory, problem)
                : path;
        }

        var searched = childEnvironment.TryGetValue("PATH", out var childPath)
            ? childPath
            : Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in searched.Split(':'))
        {
            // An empty PATH entry means the current directory; never search it implicitly.
            if (directory.Length == 0 || !Path.IsPathRooted(directory))
            {
                continue;
            }

            var candidate = Path.Combine(directory, fileName);
            if (Check(candidate) is null)
            {
                return candidate;
            }
        }

        throw new ProcessStartException(
            fileName,
            workingDirectory,
            $"no executable '{fileName}' in any directory of PATH '{searched}'.",
            searched);
    }

    private static string? Check(string path)
    {
        if (Directory.Exists(path))
        {
            return $"'{path}' is a directory.";
        }

        if (!File.Exists(path))
        {
            return $"'{path}' does not exist.";
        }

        const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0
            ? null
            : $"'{path}' is not executable.";
    }
}
