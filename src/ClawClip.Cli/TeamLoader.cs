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
    private static readonly string[] BaseVariables = ["PATH", "HOME", "LANG", "TMPDIR"];

    /// <summary>Where the <c>claude</c> runtime finds the CLI: this variable, or <c>claude</c> on PATH.</summary>
    public const string ClaudeProgramVariable = "CLAWCLIP_CLAUDE";

    public static Team Load(Repository repository, IProcessRunner runner)
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

        return new Team([.. definitions.Select(d => Member(repository, d, runner))]);
    }

    private static TeamMember Member(Repository repository, AgentDefinition definition, IProcessRunner runner)
    {
        IAgentRuntime runtime = definition.Runtime switch
        {
            AgentRuntime.Claude => new ClaudeCodeRuntime(definition.Model ?? "sonnet", runner, Environment.GetEnvironmentVariable(ClaudeProgramVariable) ?? "claude"),
            _ => new CommandRuntime(Resolve(repository, definition.Command[0]), [.. definition.Command.Skip(1)], runner),
        };
        return new TeamMember(definition, runtime, EnvironmentFor(definition), SystemPrompt(repository, definition));
    }

    private static Dictionary<string, string> EnvironmentFor(AgentDefinition definition)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in BaseVariables.Concat(definition.EnvironmentNames))
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        // Commits the agent makes in its worktree carry its own name, never the person's.
        environment["GIT_AUTHOR_NAME"] = environment["GIT_COMMITTER_NAME"] = definition.Git.Name;
        environment["GIT_AUTHOR_EMAIL"] = environment["GIT_COMMITTER_EMAIL"] = definition.Git.Email;
        return environment;
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

    // A command given as a path relative to the repository (agents/scripts/dev.sh) runs from the repository, not from the worktree.
    private static string Resolve(Repository repository, string program) =>
        program.Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(program) ? Path.Combine(repository.Root, program) : program;
}
