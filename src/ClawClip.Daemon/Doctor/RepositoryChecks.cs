using ClawClip.Agents;
using ClawClip.Core.Agents;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// The repository as the daemon needs it: a git repository, the target branch, <c>state/</c> set up by
/// <c>clawclip init</c> with its lineage branch, and <c>clawclip.yaml</c> and <c>agents/*.yaml</c> loading without error.
/// </summary>
internal static class RepositoryChecks
{
    /// <summary>The results, and the agents when their files loaded (the runtime and auth checks need them).</summary>
    public static async Task<(IReadOnlyList<CheckResult> Results, IReadOnlyList<AgentDefinition>? Agents)> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        var root = context.RepositoryRoot;
        var git = new GitCli(root, context.Runner);
        if (!Directory.Exists(root))
        {
            results.Add(CheckResult.Fail("repository", $"{root} does not exist", "pass --repo with the repository's folder"));
            return (results, null);
        }

        ProcessResult topLevel;
        try
        {
            topLevel = await git.RunAsync(["rev-parse", "--show-toplevel"], null, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessStartException)
        {
            results.Add(CheckResult.Fail("repository", $"cannot look at {root} without git", "fix the git check first"));
            return (results, null);
        }

        if (topLevel.ExitCode != 0)
        {
            results.Add(CheckResult.Fail("repository", $"{root} is not a git repository", $"`git init {root}`, or pass --repo with a repository's folder"));
            return (results, null);
        }

        results.Add(CheckResult.Ok("repository", $"git repository at {root}"));
        results.Add(await BranchAsync(git, "target-branch", context.Target, $"the branch work lands on, {context.Target}",
            $"create it (`git switch -c {context.Target}` and commit), or run the daemon with --target BRANCH", cancellationToken).ConfigureAwait(false));

        var layout = new StateLayout(root);
        results.Add(File.Exists(Path.Combine(layout.Root, "README.md"))
            ? CheckResult.Ok("state", "state/ is set up")
            : CheckResult.Fail("state", "state/ is not set up (no state/README.md)", $"`clawclip --repo {root} init`"));
        results.Add(await BranchAsync(git, "lineage-branch", "clawclip/state", "the lineage branch clawclip/state",
            $"`clawclip --repo {root} init` creates it", cancellationToken).ConfigureAwait(false));
        results.Add(Config(root));
        var (agents, agentsResult) = Agents(root);
        results.Add(agentsResult);
        return (results, agents);
    }

    private static async Task<CheckResult> BranchAsync(GitCli git, string check, string branch, string what, string fix, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(["rev-parse", "--verify", "--quiet", $"refs/heads/{branch}^{{commit}}"], null, cancellationToken).ConfigureAwait(false);
        var commit = result.StandardOutput.Trim();
        return result.ExitCode == 0
            ? CheckResult.Ok(check, $"{branch} is at {commit[..Math.Min(10, commit.Length)]}")
            : CheckResult.Fail(check, $"{what} does not exist", fix);
    }

    private static CheckResult Config(string root)
    {
        try
        {
            var config = RepositoryConfigLoader.Load(Path.Combine(root, RepositoryConfigLoader.FileName));
            var checks = new[] { ("build", config.BuildCommand), ("test", config.TestCommand) }.Where(c => c.Item2 is not null).Select(c => c.Item1).ToArray();
            return checks.Length > 0
                ? CheckResult.Ok("config", $"{RepositoryConfigLoader.FileName} loads; checks: {string.Join(", ", checks)}")
                : CheckResult.Fail("config", $"{RepositoryConfigLoader.FileName} names no check, and nothing lands unchecked", $"add to {RepositoryConfigLoader.FileName}: checks: {{build: [...], test: [...]}}");
        }
        catch (YamlFileException e)
        {
            return CheckResult.Fail("config", e.Message, $"edit {RepositoryConfigLoader.FileName} as the message says");
        }
    }

    private static (IReadOnlyList<AgentDefinition>? Agents, CheckResult Result) Agents(string root)
    {
        IReadOnlyList<AgentDefinition> agents;
        try
        {
            agents = AgentDefinitionLoader.LoadAll(Path.Combine(root, "agents"));
        }
        catch (AgentDefinitionException e)
        {
            return (null, CheckResult.Fail("agents", e.Message, "edit the agent file as the message says"));
        }

        if (agents.Count == 0)
        {
            return (agents, CheckResult.Fail("agents", "agents/ holds no agent file", "add agents/<name>.yaml (`clawclip init` in a repository without agents/ writes examples)"));
        }

        foreach (var agent in agents)
        {
            if (agent.SystemPromptFile is { } file && !File.Exists(Path.Combine(root, file)))
            {
                return (agents, CheckResult.Fail("agents", $"agents/{agent.Name}.yaml: system_prompt_file {file} does not exist", $"create {file}, or remove system_prompt_file from agents/{agent.Name}.yaml"));
            }
        }

        return (agents, CheckResult.Ok("agents", $"{agents.Count} agent(s) load: {string.Join(", ", agents.Select(a => $"{a.Name} ({a.Role.Name()}, {a.Runtime.Name()})"))}"));
    }
}
