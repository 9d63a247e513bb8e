using System.Text.Json;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Agents;

namespace ClawClip.Cli;

/// <summary>
/// What the command line needs to know of an agent to claim for it: its skills (from
/// <c>agents/&lt;name&gt;.yaml</c>) and its earned tier (from <c>state/agents/&lt;name&gt;/trust.json</c>,
/// intern until it has earned more).
/// </summary>
internal sealed record AgentProfile(AgentId Agent, IReadOnlySet<string> Skills, Tier Tier)
{
    public static AgentProfile Load(Repository repository, AgentId agent, IReadOnlyList<string>? skillsOverride)
    {
        var skills = skillsOverride is { Count: > 0 } ? skillsOverride : ReadSkills(repository, agent);
        foreach (var skill in skills)
        {
            if (!SkillNames.IsValid(skill))
            {
                throw new CliException(ExitCodes.Usage, $"'{skill}' is not a skill name: use lower-case letters, digits, '-', '.', '+' or '#'");
            }
        }

        return new AgentProfile(agent, skills.ToHashSet(StringComparer.Ordinal), ReadTier(repository, agent));
    }

    private static IReadOnlyList<string> ReadSkills(Repository repository, AgentId agent)
    {
        var path = Path.Combine(repository.Root, "agents", agent.Value + ".yaml");
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return AgentDefinitionLoader.Load(path).Skills;
        }
        catch (AgentDefinitionException e)
        {
            var where = $"agents/{agent}.yaml" + (e.Line is { } line ? $":{line}" : string.Empty);
            throw new CliException(ExitCodes.InvalidData, $"{where}: {e.Problem}");
        }
    }

    private static Tier ReadTier(Repository repository, AgentId agent)
    {
        var path = repository.Layout.TrustPath(agent);
        if (!File.Exists(path))
        {
            return Tier.Intern;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.TryGetProperty("tier", out var tier) && TierNames.TryParse(tier.GetString(), out var parsed)
                ? parsed
                : throw new CliException(ExitCodes.InvalidData, $"{repository.Layout.Display(path)}: \"tier\" is missing or not one of intern, junior, senior, principal");
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.InvalidData, $"{repository.Layout.Display(path)}: not valid JSON: {e.Message}");
        }
    }
}
