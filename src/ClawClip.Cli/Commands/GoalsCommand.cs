using System.CommandLine;
using ClawClip.Core.Goals;
using ClawClip.Roadmap;

namespace ClawClip.Cli.Commands;

/// <summary><c>clawclip goals</c>: the goals ROADMAP.md holds, with their stable ids.</summary>
internal static class GoalsCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--file") { Description = "The roadmap to read (default: ROADMAP.md at the repository root)." };
        var json = CommonOptions.Json();
        var command = new Command("goals", "List the goals in ROADMAP.md: open and done, with sub-goals and heading context.") { file, json };
        command.OnRun((parse, _) =>
        {
            var path = parse.GetValue(file) ?? Path.Combine(CommonOptions.Repository(parse).Root, "ROADMAP.md");
            switch (RoadmapReader.Read(path))
            {
                case RoadmapProblem problem:
                    throw new CliException(problem.Kind == RoadmapProblemKind.Missing ? ExitCodes.NotFound : ExitCodes.InvalidData, problem.Message);
                case RoadmapGoalsRead read:
                    Print(read, parse.GetValue(json));
                    return Task.FromResult(ExitCodes.Ok);
                default:
                    throw new InvalidOperationException("unknown roadmap result");
            }
        });
        return command;
    }

    private static void Print(RoadmapGoalsRead read, bool json)
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
            Console.WriteLine($"  {new string(' ', 2 * depth[goal.Id])}[{(goal.Done ? "x" : " ")}] {goal.Id,-14} {goal.Text}");
        }

        var open = read.Goals.Count(g => !g.Done);
        Console.WriteLine($"{read.Goals.Count} goals: {open} open, {read.Goals.Count - open} done");
    }
}
