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
using ClawClip.Processes.Sandboxing;
using ClawClip.Roadmap;
using ClawClip.State;

namespace ClawClip.Cli;

/// <summary>
/// Wires the pipeline over one repository: the state store, the task clones, the checks and the merge gate from
/// <c>clawclip.yaml</c>, and the team from <c>agents/*.yaml</c>, all as committed at the tip of the target branch
/// (<see cref="Committed"/>): a checkout anyone can edit, an agent included, changes nothing until a person commits.
/// The processes it starts run in this machine's sandbox, or unconfined where <c>clawclip.yaml</c> says
/// <c>sandbox: off</c>. The command line's <c>run</c> and <c>merge</c> use it, and the daemon.
/// </summary>
internal sealed class PipelineComposition
{
    // What the checks and the gate see: enough to build, nothing personal (HOME and the caches are their own, in the workspace).
    private static readonly string[] CheckVariables = ["PATH", "HOME", "LANG", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_NOLOGO", "NUGET_PACKAGES"];

    private PipelineComposition(GitCommittedFiles committed, RepositoryConfig config, IReadOnlyList<IReadOnlyList<string>> checks, IReadOnlyDictionary<string, string> checkEnvironment, ISandbox sandbox)
    {
        Committed = committed;
        Config = config;
        Checks = checks;
        CheckEnvironment = checkEnvironment;
        Sandbox = sandbox;
        Processes = new ProcessRunner(sandbox);
    }

    /// <summary>The commit the configuration was read from; the team is read from the same one (<see cref="TeamLoader"/>).</summary>
    public GitCommittedFiles Committed { get; }

    public RepositoryConfig Config { get; }

    /// <summary>The build and test commands, in that order: the dev→QA check and the merge gate.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Checks { get; }

    public IReadOnlyDictionary<string, string> CheckEnvironment { get; }

    /// <summary>Where confined processes run: the machine's sandbox, or <see cref="Unconfined"/> for <c>sandbox: off</c>.</summary>
    public ISandbox Sandbox { get; }

    /// <summary>The runner of every process the pipeline starts (agents, checks, the gate), over <see cref="Sandbox"/>.</summary>
    public ProcessRunner Processes { get; }

    /// <summary>
    /// Reads <c>clawclip.yaml</c> as committed at the tip of <paramref name="target"/>; it must name at least one
    /// check, since nothing lands unchecked. <paramref name="machineSandbox"/> is what confines processes unless the
    /// file says <c>sandbox: off</c> (null: <see cref="Sandboxes.ForThisMachine"/>).
    /// </summary>
    public static async Task<PipelineComposition> LoadAsync(Repository repository, string target, ISandbox? machineSandbox, CancellationToken cancellationToken)
    {
        var committed = await GitCommittedFiles.OpenAsync(repository.Git, target, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(ExitCodes.NotFound, $"there is no branch '{target}' with a commit: claw.clip reads {RepositoryConfigLoader.FileName} and agents/ as committed on it, so commit them there (or pass --target)");
        var name = committed.Name(RepositoryConfigLoader.FileName);
        RepositoryConfig config;
        try
        {
            var content = await committed.ReadAsync(RepositoryConfigLoader.FileName, cancellationToken).ConfigureAwait(false);
            config = content is null ? RepositoryConfig.Default : RepositoryConfigLoader.Read(name, content);
        }
        catch (Exception e) when (e is YamlFileException or CommittedFileException)
        {
            throw new CliException(ExitCodes.InvalidData, e.Message);
        }

        var checks = new[] { config.BuildCommand, config.TestCommand }.OfType<IReadOnlyList<string>>().ToArray();
        if (checks.Length == 0)
        {
            throw new CliException(ExitCodes.InvalidData, File.Exists(Path.Combine(repository.Root, RepositoryConfigLoader.FileName))
                ? $"{name}: no checks to gate work with on {target}, whatever the working copy's {RepositoryConfigLoader.FileName} says: claw.clip reads it as committed, so commit it with checks: build: [...] and test: [...]"
                : $"{name}: no checks to gate work with; add checks: build: [...] and test: [...], and commit it");
        }

        var environment = CheckVariables
            .Select(variable => (variable, value: Environment.GetEnvironmentVariable(variable)))
            .Where(v => v.value is not null)
            .ToDictionary(v => v.variable, v => v.value!, StringComparer.Ordinal);
        var sandbox = config.Sandbox ? machineSandbox ?? Sandboxes.ForThisMachine() : Unconfined.Instance;
        return new PipelineComposition(committed, config, checks, environment, sandbox);
    }

    /// <summary>
    /// No sandbox, no agents: with the sandbox on, refuses (<see cref="ExitCodes.NoSandbox"/>) unless a confined
    /// process starts here, before any agent, check or gate does. The message gives the fix, or <c>sandbox: off</c>.
    /// </summary>
    public async Task RequireWorkingSandboxAsync(CancellationToken cancellationToken)
    {
        if (!Config.Sandbox)
        {
            return;
        }

        SandboxProbe probe;
        try
        {
            probe = await Sandbox.ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessStartException e)
        {
            // The sandbox's own program would not start (bwrap removed since it was found): no sandbox either.
            probe = new SandboxProbe(false, e.Message.TrimEnd('.'), "install bubblewrap: `apt-get install bubblewrap` (Debian, Ubuntu) or `dnf install bubblewrap` (Fedora)");
        }

        if (!probe.Works)
        {
            throw new CliException(ExitCodes.NoSandbox,
                $"no sandbox, no agents: agents, checks and the merge gate run only in a sandbox, and {probe.Detail}. "
                + $"Fix: {probe.Fix ?? "make the sandbox work here"}; or, to run them unconfined, commit `sandbox: off` in {RepositoryConfigLoader.FileName} on {Committed.Branch} (every lineage commit then says Sandbox: off)");
        }
    }

    public MergeQueue MergeQueue(Repository repository, FileStateStore store, string target, TimeSpan checkTimeout)
    {
        var leftovers = Leftovers(repository);
        var merger = new GitMerger(repository.Git, Processes, CheckEnvironment, repository.Workspace.GateHome, leftovers);
        return new(store, merger, new FileMergeLock(repository.Layout), new MergeSettings(target, Checks, checkTimeout) { ProtectedPaths = Config.ProtectedPaths }, new TaskSettlement(store, Clones(repository, Processes), TrustRules.Default), leftovers);
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
        var runner = Processes;
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
        var runner = Processes;
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
