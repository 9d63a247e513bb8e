namespace ClawClip.Agents;

/// <summary>
/// A YAML file that cannot be used, said the way a person fixes it:
/// <c>clawclip.yaml:4: unknown key 'dev-to-q'; did you mean 'dev-to-qa'? (known keys: …)</c>.
/// Each kind of file has its own sealed subclass, so a caller can catch the one it reads.
/// </summary>
public abstract class YamlFileException : Exception
{
    protected YamlFileException(string file, int? line, string problem)
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
