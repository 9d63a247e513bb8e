namespace ClawClip.Git;

/// <summary>A git command that failed unexpectedly: its arguments, exit code and what it said on stderr.</summary>
public sealed class GitCommandException : Exception
{
    public GitCommandException(IReadOnlyList<string> arguments, int exitCode, string standardError)
        : base($"git {string.Join(' ', arguments)} failed with exit code {exitCode}: {Tail(standardError)}")
    {
        Arguments = arguments;
        ExitCode = exitCode;
        StandardError = standardError;
    }

    public IReadOnlyList<string> Arguments { get; }

    public int ExitCode { get; }

    public string StandardError { get; }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 2000 ? trimmed : "…" + trimmed[^2000..];
    }
}
