using System.CommandLine;
using ClawClip.Core.Agents;
using ClawClip.Core.Goals;
using ClawClip.Core.Tasks;

namespace ClawClip.Cli.Commands;

/// <summary><c>clawclip submit</c>: adds a task to the backlog and prints its id.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var title = new Option<string>("--title") { Description = "One line saying what the task is.", Required = true };
        var spec = new Option<string?>("--spec") { Description = "What to build, as text." };
        var specFile = new Option<string?>("--spec-file") { Description = "What to build, read from this file." };
        var acceptance = new Option<string[]>("--acceptance") { Description = "A criterion a reviewer checks (repeat for several).", AllowMultipleArgumentsPerToken = false };
        var priority = new Option<int>("--priority") { Description = "0–100, higher runs first.", DefaultValueFactory = _ => TaskDefinition.DefaultPriority };
        var skills = new Option<string[]>("--skill") { Description = "A skill an agent needs to claim it (repeat for several)." };
        var goal = new Option<string?>("--goal") { Description = "The roadmap goal it serves (G-…)." };
        var dependsOn = new Option<string[]>("--depends-on") { Description = "A task that must be done first (repeat for several)." };
        var maxAttempts = new Option<int>("--max-attempts") { Description = "Claims before an expired lease fails it.", DefaultValueFactory = _ => TaskDefinition.DefaultMaxAttempts };
        var estimate = new Option<string?>("--estimate") { Description = $"How long the work should take, in whole minutes (20m, 1h; at most {TaskDefinition.MaxEstimateMinutes / 60}h). Escalation counts from it." };
        var json = CommonOptions.Json();

        var command = new Command("submit", "Add a task to the backlog; prints its id.")
        {
            title, spec, specFile, acceptance, priority, skills, goal, dependsOn, maxAttempts, estimate, json,
        };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var specText = ReadSpec(parse.GetValue(spec), parse.GetValue(specFile));
            var definition = new TaskDefinition(
                parse.GetRequiredValue(title),
                specText,
                parse.GetValue(acceptance) ?? [],
                parse.GetValue(priority),
                [.. (parse.GetValue(skills) ?? []).Distinct(StringComparer.Ordinal)],
                parse.GetValue(goal) is { } g ? GoalId.Parse(g) : null,
                [.. (parse.GetValue(dependsOn) ?? []).Select(TaskId.Parse)],
                parse.GetValue(maxAttempts))
            {
                EstimateMinutes = parse.GetValue(estimate) is { } e ? EstimateMinutes(e) : null,
            };
            var store = CommonOptions.Repository(parse).OpenStore(TimeProvider.System);
            var task = await store.SubmitAsync(definition, Actor.Human, "submitted with `clawclip submit`", cancellationToken).ConfigureAwait(false);
            Console.WriteLine(parse.GetValue(json) ? JsonOutput.Serialize(TaskView.Of(task)) : task.Id.Value);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int EstimateMinutes(string text)
    {
        var minutes = CommonOptions.ParseDuration(text).TotalMinutes;
        return minutes == Math.Floor(minutes) && minutes is >= 1 and <= TaskDefinition.MaxEstimateMinutes
            ? (int)minutes
            : throw new CliException(ExitCodes.Usage, $"--estimate {text}: give whole minutes from 1m to {TaskDefinition.MaxEstimateMinutes / 60}h (20m, 90m, 2h)");
    }

    private static string ReadSpec(string? text, string? file)
    {
        if (text is not null && file is not null)
        {
            throw new CliException(ExitCodes.Usage, "give the spec as --spec TEXT or --spec-file PATH, not both");
        }

        if (file is null)
        {
            return text ?? string.Empty;
        }

        if (!File.Exists(file))
        {
            throw new CliException(ExitCodes.NotFound, $"{file}: no such spec file");
        }

        // Looked at before it is read: a spec file of many megabytes is refused without being held in memory.
        var length = new FileInfo(file).Length;
        if (length > TaskDefinition.MaxSpecBytes)
        {
            throw new CliException(ExitCodes.Usage, $"{file}: the spec file is {length} bytes; a task's spec is at most {TaskDefinition.MaxSpecBytes} bytes (64 KiB): keep the detail in a file in the repository and point to it");
        }

        var content = File.ReadAllText(file);
        return content.Contains('\0', StringComparison.Ordinal)
            ? throw new CliException(ExitCodes.InvalidData, $"{file}: the spec file is not text (it holds NUL bytes)")
            : content;
    }
}
