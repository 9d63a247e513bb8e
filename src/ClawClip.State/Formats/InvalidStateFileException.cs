namespace ClawClip.State;

/// <summary>A state file that cannot be read as what it should be. The message names the file and the problem.</summary>
public sealed class InvalidStateFileException : Exception
{
    public InvalidStateFileException(string displayPath, string problem, Exception? inner = null)
        : base($"{displayPath}: {problem}", inner)
    {
        DisplayPath = displayPath;
        Problem = problem;
    }

    /// <summary>The file, relative to the repository.</summary>
    public string DisplayPath { get; }

    public string Problem { get; }
}
