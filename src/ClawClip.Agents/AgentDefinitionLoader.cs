using ClawClip.Core.Agents;

namespace ClawClip.Agents;

/// <summary>
/// Reads <c>agents/&lt;name&gt;.yaml</c> files. Every problem is an <see cref="AgentDefinitionException"/>
/// naming the file, the line where there is one, what is wrong and how to fix it; paths in messages are
/// shown as the caller gave them.
/// </summary>
public static class AgentDefinitionLoader
{
    /// <summary>Agent files are short; a bigger one is a mistake (a prompt pasted inline, the wrong file).</summary>
    public const int MaxFileBytes = 64 * 1024;

    private const string TooBig = "an agent file may hold; move long text such as the system prompt into its own file (system_prompt_file)";

    /// <summary>Reads one agent file; its name must be <c>&lt;name&gt;.yaml</c> for the <c>name</c> inside.</summary>
    public static AgentDefinition Load(string path)
    {
        var parsed = Read(path);
        RequireFileNameMatches(parsed);
        return parsed.Definition;
    }

    /// <summary>Reads every <c>*.yaml</c> file directly in <paramref name="agentsFolder"/>, ordered by name; names must be unique.</summary>
    public static IReadOnlyList<AgentDefinition> LoadAll(string agentsFolder)
    {
        if (!Directory.Exists(agentsFolder))
        {
            throw new AgentDefinitionException(agentsFolder, null, "no such folder; create it with one <name>.yaml file per agent");
        }

        var files = Directory.EnumerateFiles(agentsFolder).Order(StringComparer.Ordinal).Where(IsAgentFile).ToList();
        return Checked(files.Select(Read).ToList());
    }

    /// <summary>
    /// Reads agent files given as bytes, as committed on a branch: each <see cref="YamlFileContent.File"/> names its
    /// file in every message (<c>main:agents/dev-1.yaml</c>) and ends in its file name. Pick them with
    /// <see cref="IsAgentFile"/>. Ordered by name; names must be unique, as for <see cref="LoadAll(string)"/>.
    /// </summary>
    public static IReadOnlyList<AgentDefinition> ReadAll(IReadOnlyList<YamlFileContent> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Checked(files.OrderBy(f => f.File, StringComparer.Ordinal).Select(f =>
        {
            var source = Source(f.File);
            return AgentFileReader.Read(source, YamlDocument.Decode(source, f.Content.Span, MaxFileBytes, TooBig));
        }).ToList());
    }

    /// <summary>
    /// Whether <paramref name="file"/>, in the agents folder, is an agent file: it ends in <c>.yaml</c>. One ending in
    /// <c>.yml</c> (or <c>.YAML</c>) is refused with the rename that makes it one, rather than quietly left out.
    /// </summary>
    public static bool IsAgentFile(string file)
    {
        var extension = Path.GetExtension(file);
        if (extension.Equals(".yml", StringComparison.OrdinalIgnoreCase) || (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) && extension != ".yaml"))
        {
            throw new AgentDefinitionException(file, null, $"agent files end in '.yaml'; rename it to {Path.GetFileNameWithoutExtension(file)}.yaml");
        }

        return extension == ".yaml";
    }

    private static List<AgentDefinition> Checked(List<ParsedAgent> parsed)
    {
        // Names are compared before file names: "dev-1 is already in dev-1.yaml" says more than "rename dev-2.yaml".
        var seen = new Dictionary<AgentId, ParsedAgent>();
        foreach (var agent in parsed)
        {
            if (seen.TryGetValue(agent.Definition.Name, out var first))
            {
                throw new AgentDefinitionException(agent.File, agent.NameLine,
                    $"name '{agent.Definition.Name}' is already used by {first.File}:{first.NameLine}; give each agent its own name");
            }

            seen.Add(agent.Definition.Name, agent);
        }

        foreach (var agent in parsed)
        {
            RequireFileNameMatches(agent);
        }

        return parsed.Select(a => a.Definition).OrderBy(d => d.Name.Value, StringComparer.Ordinal).ToList();
    }

    private static ParsedAgent Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new AgentDefinitionException(path, null, "no such file; create it, or check the path (agent files live in agents/<name>.yaml)");
        }

        var source = Source(path);
        return AgentFileReader.Read(source, YamlDocument.ReadText(source, MaxFileBytes, TooBig));
    }

    private static YamlSource Source(string file) => new(file, (name, line, problem) => new AgentDefinitionException(name, line, problem));

    private static void RequireFileNameMatches(ParsedAgent agent)
    {
        var name = agent.Definition.Name.Value;
        var stem = Path.GetFileNameWithoutExtension(agent.File);
        if (!string.Equals(stem, name, StringComparison.Ordinal))
        {
            throw new AgentDefinitionException(agent.File, agent.NameLine,
                $"name '{name}' does not match the file name; rename the file to {name}.yaml or set name: {stem}");
        }
    }
}
