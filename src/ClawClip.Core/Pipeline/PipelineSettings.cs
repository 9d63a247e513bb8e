using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;
using ClawClip.Core.Policies;

namespace ClawClip.Core.Pipeline;

/// <summary>How the pipeline runs: where work lands, what each handoff does on failure, how trust is earned.</summary>
/// <param name="Target">The branch tasks start from and land on, usually <c>main</c>.</param>
/// <param name="FailurePolicy">What each handoff does on failure (<c>clawclip.yaml</c>).</param>
/// <param name="TrustRules">Successes to promote, failures to demote.</param>
public sealed record PipelineSettings(string Target, FailurePolicy FailurePolicy, TrustRules TrustRules)
{
    /// <summary>Wall time one agent run may take before it is killed with its processes; null: the agent's lease.</summary>
    public TimeSpan? RunTimeout { get; init; }

    /// <summary>The budgets (<c>clawclip.yaml</c>); the pipeline applies the per-task limit before each dev run.</summary>
    public BudgetLimits Budgets { get; init; } = BudgetLimits.None;

    /// <summary>
    /// Tasks worked on at once in a work pass (<c>dispatch.max_parallel</c> in <c>clawclip.yaml</c>, or
    /// <c>--max-parallel</c>); each agent also stays within its own <c>max_concurrent_tasks</c>.
    /// </summary>
    public int MaxParallel { get; init; } = RepositoryConfig.DefaultMaxParallel;
}
