using System.CommandLine;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Cli.Commands;

/// <summary><c>clawclip show ID</c>: one task, with its whole history.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var id = CommonOptions.TaskIdArgument();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a task with its history.") { id, json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var store = CommonOptions.Repository(parse).OpenStore(TimeProvider.System);
            var taskId = TaskId.Parse(parse.GetRequiredValue(id));
            var task = await store.FindAsync(taskId, cancellationToken).ConfigureAwait(false)
                ?? throw new CliException(ExitCodes.NotFound, $"{taskId}: no such task");
            var history = task.History.Select(e => new
            {
                from = e.From?.Name(),
                to = e.To.Name(),
                actor = e.Actor,
                reason = e.Reason,
                policy = e.Policy,
                tier = e.Tier?.Name(),
                attempt = e.Attempt,
                cost_usd = e.CostUsd,
                turns = e.Turns,
                tokens = e.Tokens,
                session = e.Session,
                at = e.At,
                lease_expires_at = e.Lease?.ExpiresAt,
                kind = e.Kind == TaskEventKind.Annotation ? "annotation" : "transition",
                min_tier = e.MinTier?.Name(),
            }).ToArray();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonOutput.Serialize(new
                {
                    task = TaskView.Of(task),
                    spec = task.Definition.Spec,
                    acceptance = task.Definition.Acceptance,
                    depends_on = task.Definition.DependsOn.Select(d => d.Value),
                    max_attempts = task.Definition.MaxAttempts,
                    estimate_minutes = task.Definition.EstimateMinutes,
                    min_tier = task.MinTier?.Name(),
                    total_cost_usd = task.TotalCostUsd,
                    total_tokens = task.TotalTokens,
                    history,
                }));
                return ExitCodes.Ok;
            }

            var view = TaskView.Of(task);
            Console.WriteLine($"{task.Id}  {task.Definition.Title}");
            Console.WriteLine($"  status {view.Status}, priority {view.Priority}, attempt {task.Attempt} of {task.Definition.MaxAttempts}"
                + (task.Holder is null ? string.Empty : $", held by {task.Holder} until {task.Lease?.ExpiresAt:u}"));
            if (task.Definition.Skills.Count > 0)
            {
                Console.WriteLine("  skills: " + string.Join(", ", task.Definition.Skills));
            }

            Console.WriteLine(task.Definition.EstimateMinutes is { } minutes ? $"  estimate: {minutes} min" : "  estimate: none");
            if (task.MinTier is { } minTier)
            {
                Console.WriteLine($"  reserved for: {minTier.Name()} or above (escalated)");
            }

            if (!string.IsNullOrWhiteSpace(task.Definition.Spec))
            {
                Console.WriteLine();
                Console.WriteLine(string.Join('\n', task.Definition.Spec.Trim().Split('\n').Select(l => "  " + l)));
            }

            Console.WriteLine();
            Console.WriteLine("history:");
            foreach (var e in task.History)
            {
                var move = e.Kind == TaskEventKind.Annotation ? $"noted in {e.To.Name()}"
                    : e.From is { } from ? $"{from.Name()} → {e.To.Name()}" : $"submitted to {e.To.Name()}";
                Console.WriteLine($"  {e.At:yyyy-MM-dd HH:mm:ss}Z  {move,-22} by {e.Actor}{(e.Tier is { } t ? $" ({t.Name()})" : string.Empty)} [{e.Policy}]");
                if (!string.IsNullOrWhiteSpace(e.Reason))
                {
                    Console.WriteLine($"      {e.Reason}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
