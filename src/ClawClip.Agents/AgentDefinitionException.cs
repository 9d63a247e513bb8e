namespace ClawClip.Agents;

/// <summary>
/// An agent file that cannot be used, said the way a person fixes it:
/// <c>agents/dev-1.yaml:7: unknown key 'skils'; did you mean 'skills'? (known keys: …)</c>.
/// </summary>
public sealed class AgentDefinitionException : Exception
{
    public AgentDefinitionException(string file, int? line, string problem)
        : base(line is { } at ? $"{file}:{at}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file, as the caller named it.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the offending node, when there is one.</summary>
    public int? Line { get; }

    /// <summary>What is wrong and how to fix it, without the file and line.</summary>
    public string Problem { get; }
}
