using System.Collections.Concurrent;
using System.Diagnostics;
using ClawClip.Agents;
using ClawClip.Core.Agents;
using ClawClip.Core.Merging;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Policies;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State;

namespace ClawClip.Bench;

/// <summary>
/// Orchestration overhead per task: N tasks through claim → worktree → dev → checks → QA → merge queue → done,
/// with scripted agents and checks that do nearly nothing. Every process that is not git (the agents, the
/// checks, the gate) is timed and subtracted; what is left is claw.clip's own cost — its state files, lineage,
/// worktrees, rebase and fast-forward.
/// </summary>
internal static class PipelineBench
{
    private const string Dev = """
        cat > /dev/null
        echo "$$" > "work-$(date +%s%N).txt"
        git add -A && git commit -q -m work
        echo '{"is_error":false,"result":"done","num_turns":1,"total_cost_usd":0}'
        """;

    private const string Qa = """
        cat > /dev/null
        echo '{"is_error":false,"structured_output":{"verdict":"approve","summary":"ok","comments":[]}}'
        """;

    public static async Task<Figures> RunAsync(int tasks)
    {
        // The agents' homes, outside the repository as claw.clip keeps them.
        var homes = Directory.CreateTempSubdirectory("clawclip-bench-homes-").FullName;
        try
        {
            return await RunAsync(tasks, homes);
        }
        finally
        {
            Directory.Delete(homes, recursive: true);
        }
    }

    private static async Task<Figures> RunAsync(int tasks, string homes)
    {
        using var repository = await BenchRepository.CreateAsync(0);
        BenchRepository.Git(repository.Root, "-c", "user.name=bench", "-c", "user.email=b@x.invalid", "commit", "-q", "--allow-empty", "-m", "start");
        var store = BenchRepository.Store(repository.Root, new StateStoreOptions { FlushAfterEachChange = false });
        for (var i = 1; i <= tasks; i++)
        {
            await store.SubmitAsync(new TaskDefinition($"task {i}", "write a file", [], 50, [], null, [], 3), Actor.Human, "bench", CancellationToken.None);
        }

        // A junior's approved work merges without a person; earn it first.
        var devName = AgentId.Parse("dev-1");
        for (var i = 0; i < TrustRules.Default.InternToJunior; i++)
        {
            await store.RecordOutcomeAsync(devName, TaskId.Parse("T-0001"), true, 0m, "bench", TrustRules.Default, CancellationToken.None);
        }

        await store.FlushLineageAsync(CancellationToken.None);
        var runner = new TimingRunner(new ProcessRunner());
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/tmp",
            ["GIT_AUTHOR_NAME"] = "dev-1",
            ["GIT_AUTHOR_EMAIL"] = "dev-1@agents.clawclip.invalid",
            ["GIT_COMMITTER_NAME"] = "dev-1",
            ["GIT_COMMITTER_EMAIL"] = "dev-1@agents.clawclip.invalid",
        };
        var team = new Team([Member("dev-1", AgentRole.Dev, Dev, runner, environment, homes), Member("qa-1", AgentRole.Qa, Qa, runner, environment, homes)]);
        var git = new GitCli(repository.Root, runner);
        IReadOnlyList<IReadOnlyList<string>> checks = [["/bin/true"], ["/bin/true"]];
        var timeout = TimeSpan.FromMinutes(1);
        var settings = new PipelineSettings("main", FailurePolicy.Default, TrustRules.Default) { RunTimeout = timeout };
        var clones = new GitWorktrees(git, repository.Clones, runner);
        var pipeline = new TaskPipeline(store, store, store, clones, new CloneChecks(runner, clones, checks, environment, timeout, Path.Combine(repository.Homes, "checks")), team, settings, TimeProvider.System, Quiet.Instance);
        var queue = new MergeQueue(store, new GitMerger(git, runner, environment, Path.Combine(repository.Homes, "gate")), new FileMergeLock(store.Layout), new MergeSettings("main", checks, timeout), new TaskSettlement(store, clones, TrustRules.Default));
        var pipelineRunner = new PipelineRunner(store, store, store, store, store, new FileRunLock(store.Layout), pipeline, queue, team, TimeProvider.System, Quiet.Instance);

        var started = Stopwatch.GetTimestamp();
        var report = await pipelineRunner.RunUntilIdleAsync(CancellationToken.None);
        await store.FlushLineageAsync(CancellationToken.None);
        var total = Stopwatch.GetElapsedTime(started);

        var done = report.Touched.Values.Count(s => s == TaskState.Done);
        if (done != tasks)
        {
            throw new InvalidOperationException($"only {done} of {tasks} tasks landed: {string.Join(", ", report.Touched.Select(t => $"{t.Key} {t.Value}"))}");
        }

        if (Environment.GetEnvironmentVariable("CLAWCLIP_BENCH_DETAIL") is not null)
        {
            foreach (var (kind, time, count) in runner.All)
            {
                Console.Error.WriteLine($"  {kind,-24} {count,5} × {time.TotalMilliseconds / count,6:0.0} ms = {time.TotalSeconds:0.00} s");
            }
        }

        return new Figures(tasks, total, runner.Elapsed("agents and checks"), runner.Elapsed("git"), runner.Count("git"));
    }

    private static TeamMember Member(string name, AgentRole role, string script, IProcessRunner runner, IReadOnlyDictionary<string, string> environment, string homes) =>
        new(
            new AgentDefinition(AgentId.Parse(name), role, AgentRuntime.Command, null, ["/bin/sh", "-c", script], [], null, 1, [], AgentIdentity.For(AgentId.Parse(name)), []),
            new CommandRuntime("/bin/sh", ["-c", script], runner, new AgentSandbox(Path.Combine(homes, name))),
            environment,
            string.Empty);

    /// <summary>The figures of one run.</summary>
    internal sealed record Figures(int Tasks, TimeSpan Total, TimeSpan AgentsAndChecks, TimeSpan Git, int GitProcesses)
    {
        public TimeSpan OverheadPerTask => (Total - AgentsAndChecks) / Tasks;
    }

    /// <summary>Times every process it runs, split into git and everything else (agents and checks).</summary>
    private sealed class TimingRunner(IProcessRunner inner) : IProcessRunner
    {
        private readonly ConcurrentDictionary<string, (long Ticks, int Count)> spent = new(StringComparer.Ordinal);

        public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.RunAsync(spec, cancellationToken);
            }
            finally
            {
                var ticks = Stopwatch.GetTimestamp() - started;
                spent.AddOrUpdate(spec.FileName == "git" ? "git" : "agents and checks", (ticks, 1), (_, was) => (was.Ticks + ticks, was.Count + 1));
                if (spec.FileName == "git")
                {
                    var sub = spec.Arguments.SkipWhile(a => a.StartsWith('-') || a.Contains('/') || a.Contains('=')).FirstOrDefault() ?? "?";
                    spent.AddOrUpdate("git " + sub, (ticks, 1), (_, was) => (was.Ticks + ticks, was.Count + 1));
                }
            }
        }

        public IEnumerable<(string Kind, TimeSpan Spent, int Count)> All => spent.Select(p => (p.Key, Stopwatch.GetElapsedTime(0, p.Value.Ticks), p.Value.Count)).OrderByDescending(p => p.Item2);

        public TimeSpan Elapsed(string kind) => spent.TryGetValue(kind, out var s) ? Stopwatch.GetElapsedTime(0, s.Ticks) : TimeSpan.Zero;

        public int Count(string kind) => spent.TryGetValue(kind, out var s) ? s.Count : 0;
    }

    private sealed class Quiet : IPipelineObserver
    {
        public static readonly Quiet Instance = new();

        public void Noted(TaskId task, string message)
        {
        }

        public void Said(string message)
        {
        }
    }
}
