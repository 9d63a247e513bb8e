using ClawClip.Agents;
using ClawClip.Core.Agents;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// The repository as the daemon needs it: a git repository, the target branch, <c>state/</c> set up by
/// <c>clawclip init</c> with its lineage branch, and <c>clawclip.yaml</c> and <c>agents/*.yaml</c> loading without error
/// in the working copy (the daemon itself reads them as committed on the target; each finding says which was read).
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
        results.Add(Config(root, context.Target));
        var (agents, agentsResult) = Agents(root, context.Target);
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

    // Doctor reads the working copy, where a person edits before committing; the runners read what is committed on
    // the target, so every finding says which it read.
    private static CheckResult Config(string root, string target)
    {
        try
        {
            var config = RepositoryConfigLoader.Load(Path.Combine(root, RepositoryConfigLoader.FileName));
            var checks = new[] { ("build", config.BuildCommand), ("test", config.TestCommand) }.Where(c => c.Item2 is not null).Select(c => c.Item1).ToArray();
            return checks.Length > 0
                ? CheckResult.Ok("config", $"{RepositoryConfigLoader.FileName} in the working copy loads; checks: {string.Join(", ", checks)} (the daemon reads it as committed on {target})")
                : CheckResult.Fail("config", $"{RepositoryConfigLoader.FileName} names no check, and nothing lands unchecked", $"add to {RepositoryConfigLoader.FileName}: checks: {{build: [...], test: [...]}}, and commit it on {target}");
        }
        catch (YamlFileException e)
        {
            return CheckResult.Fail("config", $"the working copy's {e.Message}", $"edit {RepositoryConfigLoader.FileName} as the message says, and commit it on {target}: the daemon reads it as committed");
        }
    }

    private static (IReadOnlyList<AgentDefinition>? Agents, CheckResult Result) Agents(string root, string target)
    {
        IReadOnlyList<AgentDefinition> agents;
        try
        {
            agents = AgentDefinitionLoader.LoadAll(Path.Combine(root, "agents"));
        }
        catch (AgentDefinitionException e)
        {
            return (null, CheckResult.Fail("agents", $"the working copy's {e.Message}", $"edit the agent file as the message says, and commit it on {target}: the daemon reads agents/ as committed"));
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

        return (agents, CheckResult.Ok("agents", $"{agents.Count} agent(s) in the working copy load: {string.Join(", ", agents.Select(a => $"{a.Name} ({a.Role.Name()}, {a.Runtime.Name()})"))} (the daemon reads agents/ as committed on {target})"));
    }
}
