namespace ClawClip.Agents;

/// <summary>
/// An agent file that cannot be used, said the way a person fixes it:
/// <c>agents/dev-1.yaml:7: unknown key 'skils'; did you mean 'skills'? (known keys: …)</c>.
/// </summary>
public sealed class AgentDefinitionException(string file, int? line, string problem)
    : YamlFileException(file, line, problem);
