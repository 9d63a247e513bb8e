using ClawClip.Agents;
using ClawClip.Core.Agents;
using ClawClip.Core.Pipeline;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Cli;

/// <summary>
/// The team as <c>agents/*.yaml</c> configures it, each agent with its runtime and the environment its process
/// gets: a few variables every tool needs (PATH, HOME, LANG, TMPDIR), the ones its file names under
/// <c>env</c>, and its git identity — never the person's whole environment. Every agent's process runs in the
/// sandbox given, with a home of its own under the repository's workspace.
/// </summary>
internal static class TeamLoader
{
    public static Team Load(Repository repository, ISandbox sandbox)
    {
        var runner = new ProcessRunner(sandbox);
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

        return new Team([.. definitions.Select(d => Member(repository, d, runner))]);
    }

    private static TeamMember Member(Repository repository, AgentDefinition definition, IProcessRunner runner)
    {
        var sandbox = AgentSandbox.For(definition, repository.Workspace.AgentHomes, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        IAgentRuntime runtime = definition.Runtime switch
        {
            AgentRuntime.Claude => new ClaudeCodeRuntime(definition.Model ?? "sonnet", runner, sandbox, AgentEnvironment.ClaudeProgram(Environment.GetEnvironmentVariable)),
            _ => new CommandRuntime(AgentEnvironment.CommandProgram(repository.Root, definition.Command[0]), [.. definition.Command.Skip(1)], runner, sandbox),
        };
        return new TeamMember(definition, runtime, AgentEnvironment.For(definition, Environment.GetEnvironmentVariable), SystemPrompt(repository, definition));
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
