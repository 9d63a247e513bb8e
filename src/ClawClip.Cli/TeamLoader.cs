using ClawClip.Agents;
using ClawClip.Core.Agents;
using ClawClip.Core.Pipeline;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Cli;

/// <summary>
/// The team as <c>agents/*.yaml</c> configures it, as committed (with the system prompts the files name) at the
/// commit <c>clawclip.yaml</c> was read from: an edit to the checkout, an agent's own included, gives nobody a
/// secret or a prompt until a person commits it. Each agent gets its runtime and the environment its process gets:
/// a few variables every tool needs (PATH, HOME, LANG, TMPDIR), the ones its file names under <c>env</c>, and its
/// git identity — never the person's whole environment.
/// </summary>
internal static class TeamLoader
{
    private const string Folder = "agents";

    /// <summary>The team as committed; <paramref name="variables"/> is where the agents' variables come from (the daemon's, with its env file).</summary>
    public static async Task<Team> LoadAsync(Repository repository, GitCommittedFiles committed, IProcessRunner runner, Func<string, string?> variables, CancellationToken cancellationToken)
    {
        IReadOnlyList<AgentDefinition> definitions;
        IReadOnlyDictionary<string, byte[]> prompts;
        try
        {
            definitions = await DefinitionsAsync(repository, committed, cancellationToken).ConfigureAwait(false);
            prompts = await committed.ReadAllAsync([.. definitions.Select(d => d.SystemPromptFile).OfType<string>()], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AgentDefinitionException or CommittedFileException)
        {
            throw new CliException(ExitCodes.InvalidData, e.Message);
        }

        return new Team([.. definitions.Select(d => Member(repository, committed, d, prompts, runner, variables))]);
    }

    private static async Task<IReadOnlyList<AgentDefinition>> DefinitionsAsync(Repository repository, GitCommittedFiles committed, CancellationToken cancellationToken)
    {
        var names = await committed.ListAsync(Folder, cancellationToken).ConfigureAwait(false);
        if (names is null)
        {
            var inCheckout = Directory.Exists(Path.Combine(repository.Root, Folder)) ? $"; the working copy's {Folder}/ is not read, so commit it" : string.Empty;
            throw new CliException(ExitCodes.InvalidData, $"{committed.Name(Folder)}/: no such folder on {committed.Branch}; commit one <name>.yaml file per agent there{inCheckout}");
        }

        var files = names.Select(n => $"{Folder}/{n}").Where(path => AgentDefinitionLoader.IsAgentFile(committed.Name(path))).ToList();
        var contents = await committed.ReadAllAsync(files, cancellationToken).ConfigureAwait(false);
        return AgentDefinitionLoader.ReadAll([.. files.Select(path => new YamlFileContent(committed.Name(path), contents[path]))]);
    }

    private static TeamMember Member(Repository repository, GitCommittedFiles committed, AgentDefinition definition, IReadOnlyDictionary<string, byte[]> prompts, IProcessRunner runner, Func<string, string?> variables)
    {
        var sandbox = AgentSandbox.For(definition, repository.Workspace.AgentHomes, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        IAgentRuntime runtime = definition.Runtime switch
        {
            AgentRuntime.Claude => new ClaudeCodeRuntime(definition.Model ?? "sonnet", runner, sandbox, AgentEnvironment.ClaudeProgram(variables)),
            _ => new CommandRuntime(AgentEnvironment.CommandProgram(repository.Root, definition.Command[0]), [.. definition.Command.Skip(1)], runner, sandbox),
        };
        return new TeamMember(definition, runtime, AgentEnvironment.For(definition, variables), SystemPrompt(committed, definition, prompts));
    }

    private static string SystemPrompt(GitCommittedFiles committed, AgentDefinition definition, IReadOnlyDictionary<string, byte[]> prompts)
    {
        if (definition.SystemPromptFile is not { } file)
        {
            return string.Empty;
        }

        return prompts.TryGetValue(file, out var content)
            ? System.Text.Encoding.UTF8.GetString(content).TrimStart('\uFEFF')
            : throw new CliException(ExitCodes.InvalidData, $"{committed.Name($"{Folder}/{definition.Name}.yaml")}: system_prompt_file {file} is not committed on {committed.Branch}; commit it or remove the key");
    }
}
