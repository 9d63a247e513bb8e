using ClawClip.Agents;
using ClawClip.Core.Agents;
using ClawClip.Core.Pipeline;
using ClawClip.Processes;

namespace ClawClip.Cli;

/// <summary>
/// The team as <c>agents/*.yaml</c> configures it, each agent with its runtime and the environment its process
/// gets: a few variables every tool needs (PATH, HOME, LANG, TMPDIR), the ones its file names under
/// <c>env</c>, and its git identity — never the person's whole environment.
/// </summary>
internal static class TeamLoader
{
    /// <summary>The team; <paramref name="variables"/> is where the agents' variables come from (the daemon's, with its env file).</summary>
    public static Team Load(Repository repository, IProcessRunner runner, Func<string, string?> variables)
    {
        var folder = Path.Combine(repository.Root, "agents");
        IReadOnlyList<AgentDefinition> definitions;
        try
        {
            definitions = AgentDefinitionLoader.LoadAll(folder);
        }
        catch (AgentDefinitionException e)
        {
            throw new CliException(ExitCodes.InvalidData, e.Message);
        }

        return new Team([.. definitions.Select(d => Member(repository, d, runner, variables))]);
    }

    private static TeamMember Member(Repository repository, AgentDefinition definition, IProcessRunner runner, Func<string, string?> variables)
    {
        IAgentRuntime runtime = definition.Runtime switch
        {
            AgentRuntime.Claude => new ClaudeCodeRuntime(definition.Model ?? "sonnet", runner, AgentEnvironment.ClaudeProgram(variables)),
            _ => new CommandRuntime(AgentEnvironment.CommandProgram(repository.Root, definition.Command[0]), [.. definition.Command.Skip(1)], runner),
        };
        return new TeamMember(definition, runtime, AgentEnvironment.For(definition, variables), SystemPrompt(repository, definition));
    }

    private static string SystemPrompt(Repository repository, AgentDefinition definition)
    {
        if (definition.SystemPromptFile is not { } file)
        {
            return string.Empty;
        }

        var path = Path.Combine(repository.Root, file);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new CliException(ExitCodes.InvalidData, $"agents/{definition.Name}.yaml: system_prompt_file {file} does not exist; create it or remove the key");
    }

}
