using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClawClip.Agents;

/// <summary>
/// The YAML file being read: its path as the caller named it, and the exception its problems are raised as,
/// so that the shared readers fail as an <see cref="AgentDefinitionException"/> or a <see cref="RepositoryConfigException"/>.
/// </summary>
internal sealed class YamlSource(string file, Func<string, int?, string, YamlFileException> exception)
{
    public string File { get; } = file;

    /// <summary>A problem with the file as a whole (it is empty, a required key is missing).</summary>
    public YamlFileException Fail(string problem) => exception(File, null, problem);

    /// <summary>A problem on a 1-based line.</summary>
    public YamlFileException Fail(int line, string problem) => exception(File, line, problem);

    public YamlFileException Fail(Mark mark, string problem) => Fail(checked((int)mark.Line), problem);

    public YamlFileException Fail(YamlNode node, string problem) => Fail(node.Start, problem);
}
