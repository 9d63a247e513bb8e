namespace ClawClip.Agents;

/// <summary>
/// A <c>clawclip.yaml</c> that cannot be used, said the way a person fixes it:
/// <c>clawclip.yaml:6: 'dev-to-qa' must be continue or halt, not 'stop'</c>.
/// </summary>
public sealed class RepositoryConfigException(string file, int? line, string problem)
    : YamlFileException(file, line, problem);
