using ClawClip.Core.Agents;

namespace ClawClip.Agents;

/// <summary>
/// The environment an agent's process gets: a few variables every tool needs (PATH, HOME, LANG, TMPDIR), the ones its
/// file names under <c>env</c>, and its git identity — never the person's whole environment. One definition, so that
/// the team that runs agents and <c>clawclip doctor</c>, which says what they will see, cannot disagree.
/// </summary>
public static class AgentEnvironment
{
    /// <summary>What every agent gets, when the process that starts it has them.</summary>
    public static IReadOnlyList<string> BaseVariables { get; } = ["PATH", "HOME", "LANG", "TMPDIR"];

    /// <summary>Where the <c>claude</c> runtime finds the CLI: this variable, or <c>claude</c> on PATH.</summary>
    public const string ClaudeProgramVariable = "CLAWCLIP_CLAUDE";

    /// <summary>The variables <paramref name="definition"/>'s process gets, read from <paramref name="variables"/> (the starting process's environment).</summary>
    public static Dictionary<string, string> For(AgentDefinition definition, Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(variables);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in BaseVariables.Concat(definition.EnvironmentNames))
        {
            if (variables(name) is { } value)
            {
                environment[name] = value;
            }
        }

        // Last, so that no variable its file lists can put the person's identity back.
        foreach (var (name, value) in AgentGitIdentity.Variables(definition.Git))
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The Claude Code CLI the <c>claude</c> runtime starts: <see cref="ClaudeProgramVariable"/>, or <c>claude</c> on the agent's PATH.</summary>
    public static string ClaudeProgram(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables(ClaudeProgramVariable) is { Length: > 0 } program ? program : "claude";
    }

    /// <summary>
    /// A <c>command</c> agent's program as it is started: a path relative to the repository (agents/scripts/dev.sh) runs
    /// from the repository, not from the task's worktree; a bare name is looked up on the agent's PATH.
    /// </summary>
    public static string CommandProgram(string repositoryRoot, string program) =>
        program.Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(program) ? Path.Combine(repositoryRoot, program) : program;
}
