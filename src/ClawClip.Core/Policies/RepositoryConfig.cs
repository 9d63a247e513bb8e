using ClawClip.Core.Budgets;
using ClawClip.Core.Outages;
using ClawClip.Core.Protection;

namespace ClawClip.Core.Policies;

/// <summary>
/// What a repository says about itself in <c>clawclip.yaml</c>: its failure policy, the commands the dev→QA
/// check and the merge gate run, how many agents may work at once, its budgets, its notifications and whether its processes run sandboxed.
/// </summary>
/// <param name="FailurePolicy">What each handoff does on failure.</param>
/// <param name="BuildCommand">The build: the program, then each argument (never a shell string); null when not set.</param>
/// <param name="TestCommand">The tests, as a program and its arguments; null when not set.</param>
public sealed record RepositoryConfig(
    FailurePolicy FailurePolicy,
    IReadOnlyList<string>? BuildCommand,
    IReadOnlyList<string>? TestCommand)
{
    /// <summary>
    /// Agents at work at once when <c>clawclip.yaml</c> does not say: two keeps a 2-core machine busy without
    /// starving the checks each finished run starts, and agents mostly wait on their model anyway.
    /// </summary>
    public const int DefaultMaxParallel = 2;

    /// <summary>The most <c>dispatch.max_parallel</c> may be.</summary>
    public const int MostParallel = 32;

    /// <summary>
    /// <c>dispatch.max_parallel</c>: how many agent runs (a dev's task, with its checks and review) go on at once in
    /// one work pass, whatever each agent's own <c>max_concurrent_tasks</c> allows.
    /// </summary>
    public int MaxParallel { get; init; } = DefaultMaxParallel;

    /// <summary>The budgets: limits per task, per agent per day, per goal and in total; none when not set.</summary>
    public BudgetLimits Budgets { get; init; } = BudgetLimits.None;

    /// <summary>What a repository without <c>clawclip.yaml</c> gets: the default policy and no checks.</summary>
    public static RepositoryConfig Default { get; } = new(FailurePolicy.Default, null, null);

    /// <summary>The backoff after a model API outage, and after how many failures in a row an agent is paused (<c>outages:</c>).</summary>
    public OutageSettings Outages { get; init; } = OutageSettings.Default;

    /// <summary>The paths whose change lands only after a person approves it: the built-in ones and <c>protected_paths:</c>.</summary>
    public ProtectedPaths ProtectedPaths { get; init; } = ProtectedPaths.Default;

    /// <summary>
    /// <c>sandbox:</c> on (true, the default): agents, checks and the merge gate run in this machine's sandbox, and
    /// none starts where it does not work. Off (false) is a person's choice: they run unconfined, and every lineage
    /// commit carries <c>Sandbox: off</c>.
    /// </summary>
    public bool Sandbox { get; init; } = true;

    /// <summary>The webhook and the daily summary.</summary>
    public NotificationSettings Notifications { get; init; } = NotificationSettings.Default;
}
