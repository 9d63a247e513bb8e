using ClawClip.Agents;
using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Budgets;
using ClawClip.Core.Escalation;
using ClawClip.Core.Merging;
using ClawClip.Core.Outages;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Planning;
using ClawClip.Core.Policies;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.Roadmap;
using ClawClip.State;

namespace ClawClip.Cli;

/// <summary>
/// Wires the pipeline over one repository: the state store, the task clones, the checks and the merge gate from
/// <c>clawclip.yaml</c>, and the team from <c>agents/*.yaml</c>. The command line's <c>run</c> and <c>merge</c>
/// use it; so will the daemon.
/// </summary>
internal sealed class PipelineComposition
{
    // What the checks and the gate see: enough to build, nothing personal (HOME and the caches are their own, in the workspace).
    private static readonly string[] CheckVariables = ["PATH", "HOME", "LANG", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_NOLOGO", "NUGET_PACKAGES"];

    private PipelineComposition(RepositoryConfig config, IReadOnlyList<IReadOnlyList<string>> checks, IReadOnlyDictionary<string, string> checkEnvironment)
    {
        Config = config;
        Checks = checks;
        CheckEnvironment = checkEnvironment;
    }

    public RepositoryConfig Config { get; }

    /// <summary>The build and test commands, in that order: the dev→QA check and the merge gate.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Checks { get; }

    public IReadOnlyDictionary<string, string> CheckEnvironment { get; }

    /// <summary>Reads <c>clawclip.yaml</c>; it must name at least one check, since nothing lands unchecked.</summary>
    public static PipelineComposition Load(Repository repository)
    {
        RepositoryConfig config;
        try
        {
            config = RepositoryConfigLoader.Load(Path.Combine(repository.Root, RepositoryConfigLoader.FileName));
        }
        catch (YamlFileException e)
        {
            throw new CliException(ExitCodes.InvalidData, e.Message);
        }

        var checks = new[] { config.BuildCommand, config.TestCommand }.OfType<IReadOnlyList<string>>().ToArray();
        if (checks.Length == 0)
        {
            throw new CliException(ExitCodes.InvalidData, $"{RepositoryConfigLoader.FileName}: no checks to gate work with; add checks: build: [...] and test: [...]");
        }

        var environment = CheckVariables
            .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
            .Where(v => v.value is not null)
            .ToDictionary(v => v.name, v => v.value!, StringComparer.Ordinal);
        return new PipelineComposition(config, checks, environment);
    }

    public MergeQueue MergeQueue(Repository repository, FileStateStore store, string target, TimeSpan checkTimeout)
    {
        var leftovers = Leftovers(repository);
        var runner = new ProcessRunner();
        var merger = new GitMerger(repository.Git, runner, CheckEnvironment, repository.Workspace.GateHome, leftovers);
        return new(store, merger, new FileMergeLock(repository.Layout), new MergeSettings(target, Checks, checkTimeout), new TaskSettlement(store, Clones(repository, runner), TrustRules.Default), leftovers);
    }

    /// <summary>The task clones, in the repository's workspace outside its checkout; git in them runs in <paramref name="runner"/>'s sandbox.</summary>
    public static GitWorktrees Clones(Repository repository, ProcessRunner runner) => new(repository.Git, repository.Workspace.Clones, runner);

    /// <summary>Where agent runs, checks and gates record their process groups: beside the tasks' run locks.</summary>
    public static ProcessGroupFiles Leftovers(Repository repository) => new(Path.Combine(repository.Layout.LocksRoot, "runs"));

    /// <summary>
    /// The work pass. <paramref name="alerts"/> hears the budget warnings and pauses, the outage pauses, the tasks
    /// stopped for a person and the store's quarantines; none given, nobody hears them (they are in the lineage either
    /// way). <paramref name="nudges"/> wakes a running pass (the daemon's kicks).
    /// </summary>
    public PipelineRunner Runner(Repository repository, FileStateStore store, Team team, PipelineSettings settings, TimeSpan checkTimeout, IPipelineObserver observer, IAlerts? alerts = null, IWorkNudges? nudges = null)
    {
        if (alerts is not null)
        {
            store.ReportQuarantinesTo(alerts); // a state file set aside is a person's to look at
        }

        // A task stopped mid-step, an outage pause: each decision is committed before its alert goes out.
        IAlerts? committedAlerts = alerts is null ? null : new CommittedAlerts(store, alerts);
        var runner = new ProcessRunner();
        var clones = Clones(repository, runner);
        var pipeline = new TaskPipeline(
            store,
            store,
            store,
            clones,
            new CloneChecks(runner, clones, Checks, CheckEnvironment, checkTimeout, repository.Workspace.ChecksHome),
            team,
            settings,
            TimeProvider.System,
            observer,
            Leftovers(repository),
            committedAlerts)
        {
            Outages = new OutageKeeper(new FileOutageState(store), committedAlerts ?? NoAlerts.Instance, Config.Outages, TimeProvider.System, team.ModelAgents),
        };
        return new PipelineRunner(store, store, store, store, store, new FileRunLock(repository.Layout), pipeline, MergeQueue(repository, store, settings.Target, checkTimeout), team, TimeProvider.System, observer)
        {
            Budgets = new BudgetGate(store, store, store, Config.Budgets, alerts ?? NoAlerts.Instance, TimeProvider.System, store),
            Nudges = nudges,
        };
    }

    /// <summary>The escalator over this repository's tasks, alerting through <paramref name="alerts"/>.</summary>
    public static Escalator Escalator(Repository repository, FileStateStore store, Team team, EscalationSettings settings, IAlerts alerts, IPipelineObserver observer) =>
        new(store, store, new FileRunLock(repository.Layout), store, alerts, team, settings, TimeProvider.System, observer);

    /// <summary>The PM over this repository; a goal that fails is alerted through <paramref name="alerts"/> (none given: nobody hears it, the lineage has it).</summary>
    public RoadmapPlanner Planner(Repository repository, FileStateStore store, Team team, PipelineSettings settings, IPipelineObserver observer, IAlerts? alerts = null)
    {
        var runner = new ProcessRunner();
        return new RoadmapPlanner(
            new GitRoadmapSource(repository.Git, runner, settings.Target, (name, bytes) => RoadmapReader.Parse(name, bytes)),
            store,
            store,
            store,
            store,
            new GitRoadmapTicker(repository.Git, runner, settings.Target, new AgentIdentity("clawclip-pm", "pm@clawclip.invalid")),
            new GitCommitAncestry(repository.Git),
            alerts ?? NoAlerts.Instance,
            new FileMergeLock(repository.Layout),
            store,
            new GitPlanningCopies(repository.Git, repository.Workspace.Planning, settings.Target, runner),
            team,
            new PlannerSettings(settings.Target, Config.FailurePolicy) { RunTimeout = settings.RunTimeout },
            TimeProvider.System,
            observer);
    }

    /// <summary>The pipeline's settings; <paramref name="maxParallel"/> (<c>--max-parallel</c>) overrides <c>dispatch.max_parallel</c>.</summary>
    public PipelineSettings Settings(string target, TimeSpan? runTimeout, int? maxParallel = null) =>
        new(target, Config.FailurePolicy, TrustRules.Default) { RunTimeout = runTimeout, MaxParallel = maxParallel ?? Config.MaxParallel, Budgets = Config.Budgets };
}
