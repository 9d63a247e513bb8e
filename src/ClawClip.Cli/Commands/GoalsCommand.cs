using System.CommandLine;
using ClawClip.Core.Goals;
using ClawClip.Roadmap;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip goals</c>: the goals ROADMAP.md holds, with their stable ids, and where the PM stands with each
/// (<c>state/goals</c>: planned, planning-failed, failed, done, canceled) when the repository has claw.clip state.
/// </summary>
internal static class GoalsCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--file") { Description = "The roadmap to read (default: ROADMAP.md at the repository root)." };
        var json = CommonOptions.Json();
        var command = new Command("goals", "List the goals in ROADMAP.md: open and done, with sub-goals and heading context.") { file, json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file) ?? Path.Combine(CommonOptions.Repository(parse).Root, "ROADMAP.md");
            switch (RoadmapReader.Read(path))
            {
                case RoadmapProblem problem:
                    throw new CliException(problem.Kind == RoadmapProblemKind.Missing ? ExitCodes.NotFound : ExitCodes.InvalidData, problem.Message);
                case RoadmapGoalsRead read:
                    Print(read, await RecordsAsync(parse, cancellationToken).ConfigureAwait(false), parse.GetValue(json));
                    return ExitCodes.Ok;
                default:
                    throw new InvalidOperationException("unknown roadmap result");
            }
        });
        return command;
    }

    // The PM's records, by goal; none where there is no repository or no claw.clip state (a roadmap read with --file).
    private static async Task<Dictionary<GoalId, GoalRecord>> RecordsAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            var store = CommonOptions.Repository(parse).OpenStore(TimeProvider.System);
            return (await store.ReadGoalsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(g => g.Id);
        }
        catch (CliException e) when (e.ExitCode == ExitCodes.NotInitialized)
        {
            return [];
        }
    }

    private static void Print(RoadmapGoalsRead read, Dictionary<GoalId, GoalRecord> records, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonOutput.Serialize(new
            {
                source = read.SourceName,
                message = read.Message,
                goals = read.Goals.Select(g => new
                {
                    id = g.Id.Value,
                    text = g.Text,
                    done = g.Done,
                    headings = g.Headings,
                    parent = g.Parent?.Value,
                    line = g.Line,
                    status = records.TryGetValue(g.Id, out var record) ? record.Status.Name() : null,
                    tasks = record?.Tasks.Select(t => t.Value),
                    note = record?.Note,
                }),
            }));
            return;
        }

        if (read.Message is not null)
        {
            Console.WriteLine(read.Message);
            return;
        }

        var depth = new Dictionary<GoalId, int>();
        string? lastContext = null;
        foreach (var goal in read.Goals)
        {
            var context = string.Join(" › ", goal.Headings);
            if (context != lastContext && context.Length > 0)
            {
                Console.WriteLine(context);
                lastContext = context;
            }

            depth[goal.Id] = goal.Parent is { } parent && depth.TryGetValue(parent, out var d) ? d + 1 : 0;
            var status = records.TryGetValue(goal.Id, out var record) ? $"  ({record.Status.Name()}{(record.Status == GoalStatus.Failed ? ": " + record.Note : string.Empty)})" : string.Empty;
            Console.WriteLine($"  {new string(' ', 2 * depth[goal.Id])}[{(goal.Done ? "x" : " ")}] {goal.Id,-14} {goal.Text}{status}");
        }

        var open = read.Goals.Count(g => !g.Done);
        Console.WriteLine($"{read.Goals.Count} goals: {open} open, {read.Goals.Count - open} done");
    }
}
