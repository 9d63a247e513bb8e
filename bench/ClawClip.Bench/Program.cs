using System.Globalization;
using ClawClip.Bench;

// dotnet run -c Release --project bench/ClawClip.Bench -- [claims|status|lineage|pipeline|sandbox|clone|all|daemon] [--tasks N] [--repo PATH]
var command = args.Length > 0 ? args[0] : "all";
if (command == "worker")
{
    return await ClaimBench.WorkAsync(args[1], args[2], Enum.Parse<ClaimBench.Mode>(args[3]));
}

var tasks = Option("--tasks", 10_000);
Console.WriteLine($"claw.clip bench — {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
if (command is "claims" or "all")
{
    foreach (var mode in Enum.GetValues<ClaimBench.Mode>())
    {
        foreach (var processes in new[] { 1, 8 })
        {
            var rate = await ClaimBench.RunAsync(tasks, processes, mode);
            Console.WriteLine($"claims  {mode,-16} {processes} process{(processes == 1 ? " " : "es")}  {rate,8:0} claims/s  ({tasks} tasks)");
        }
    }
}

if (command is "status" or "all")
{
    var (startup, total) = await StatusBench.RunAsync(tasks);
    Console.WriteLine($"status  `clawclip status --json`, {tasks} tasks: {total:0} ms in all, {startup:0} ms of it start-up → {total - startup:0} ms of work (median of 7)");
}

if (command is "lineage" or "all")
{
    var history = Option("--history", 100_000);
    var (empty, full, seeding) = await LineageBench.RunAsync(history);
    Console.WriteLine($"lineage commits/s in batches of 100: {empty:0} with 10,000 tasks and a short history, {full:0} with {history} more commits behind them (those took {seeding.TotalSeconds:0.0} s to write)");
}

if (command is "pipeline" or "all")
{
    var figures = await PipelineBench.RunAsync(Option("--pipeline-tasks", 20));
    Console.WriteLine($"pipeline {figures.Tasks} tasks through dev → checks → QA → merge: {figures.Total.TotalSeconds:0.00} s in all, {figures.AgentsAndChecks.TotalSeconds:0.00} s of it in the scripted agents and the checks → overhead {figures.OverheadPerTask.TotalMilliseconds:0} ms per task ({figures.Git.TotalSeconds:0.00} s in {figures.GitProcesses} git processes)");
}

if (command is "sandbox" or "all")
{
    var runs = Option("--runs", 200);
    var (plain, confined) = await SandboxBench.RunAsync(runs);
    Console.WriteLine($"sandbox /bin/true, median of {runs}: {plain:0.0} ms plain, {confined:0.0} ms in the sandbox ({ClawClip.Processes.Sandboxing.Sandboxes.ForThisMachine().Name}) → start-up {confined - plain:0.0} ms per run");
}

if (command is "clone" or "all")
{
    var source = args.SkipWhile(a => a != "--repo").Skip(1).FirstOrDefault() ?? Directory.GetCurrentDirectory();
    var clone = await CloneBench.RunAsync(source);
    Console.WriteLine($"clone   disk per task clone of {Path.GetFileName(Path.GetFullPath(source).TrimEnd('/'))}: {clone.CloneKb / 1024.0:0.0} MiB ({clone.CloneGitKb} KiB of it its own .git, the rest the checkout) against {clone.RepositoryGitKb / 1024.0:0.0} MiB in the repository's .git; made in {clone.Making.TotalMilliseconds:0} ms, taken back and removed in {clone.Removing.TotalMilliseconds:0} ms");
}

if (command is "daemon")
{
    // Not part of "all": it takes --idle-seconds (600 by default) of wall time.
    var (cpu, rss, latency) = await DaemonBench.RunAsync(TimeSpan.FromSeconds(Option("--idle-seconds", 600)));
    Console.WriteLine($"daemon  at rest with 5 agents for {Option("--idle-seconds", 600)} s: {cpu:0.000}% of a core, peak RSS {rss:0.0} MB; ROADMAP.md commit on main → first planned task on disk: {latency:0} ms");
}

return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
