namespace ClawClip.Processes;

/// <summary>
/// A process could not be started: the program was not found (the message names the PATH searched),
/// is not executable, the working directory does not exist, or the OS refused.
/// </summary>
public sealed class ProcessStartException : Exception
{
    public ProcessStartException(string fileName, string? workingDirectory, string reason, string? searchedPath = null, Exception? innerException = null)
        : base(Describe(fileName, workingDirectory, reason), innerException)
    {
        FileName = fileName;
        WorkingDirectory = workingDirectory;
        SearchedPath = searchedPath;
    }

    /// <summary>The program as the spec named it.</summary>
    public string FileName { get; }

    /// <summary>The working directory asked for; null for the parent's.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>The PATH searched for a bare program name; null when no search was made.</summary>
    public string? SearchedPath { get; }

    private static string Describe(string fileName, string? workingDirectory, string reason) =>
        workingDirectory is null
            ? $"Cannot start '{fileName}': {reason}"
            : $"Cannot start '{fileName}' in '{workingDirectory}': {reason}";
}
