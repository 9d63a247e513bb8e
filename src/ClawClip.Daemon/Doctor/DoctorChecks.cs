using ClawClip.Core.Agents;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// <c>clawclip doctor</c>'s checks: git, the sandbox agents run in, the repository, each agent's runtime and (for <c>claude</c>) its headless
/// login, write access to <c>state/</c>, free disk. They read the variables of the process they run in (for the daemon: its
/// environment and its env file), which is why a running daemon runs them itself: those are what its agents get.
/// </summary>
public sealed class DoctorChecks(DoctorContext context)
{
    public async Task<DoctorReport> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>
        {
            await GitCheck.RunAsync(context, cancellationToken).ConfigureAwait(false),
            await SandboxCheck.RunAsync(context, cancellationToken).ConfigureAwait(false),
        };
        var (repository, agents) = await RepositoryChecks.RunAsync(context, cancellationToken).ConfigureAwait(false);
        results.AddRange(repository);
        var runtimes = new AgentRuntimeCheck(context);
        foreach (var agent in agents ?? [])
        {
            results.Add(await runtimes.RunAsync(agent, cancellationToken).ConfigureAwait(false));
            if (agent.Runtime == AgentRuntime.Claude)
            {
                results.Add(await ClaudeAuthCheck.RunAsync(context, agent, cancellationToken).ConfigureAwait(false));
            }
        }

        // Without state/ the state check has failed already, with its fix.
        if (Directory.Exists(Path.Combine(context.RepositoryRoot, "state")))
        {
            results.Add(StateWriteCheck.Run(context));
        }

        if (Directory.Exists(context.RepositoryRoot))
        {
            results.Add(DiskSpaceCheck.Run(context));
        }

        return new DoctorReport(DoctorReport.CurrentSchema, context.CheckedBy, Environment.ProcessId, context.Time.GetUtcNow(), results);
    }
}
