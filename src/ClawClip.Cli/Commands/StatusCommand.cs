using System.CommandLine;
using ClawClip.Core.Tasks;

namespace ClawClip.Cli.Commands;

/// <summary><c>clawclip status</c>: the three queues a person watches — intake, active, completed.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("status", "Show the intake, active and completed queues with counts and tasks.") { json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var store = CommonOptions.Repository(parse).OpenStore(TimeProvider.System);
            var problems = store.CheckLayout();
            var tasks = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            var stop = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            var queues = Enum.GetValues<QueueKind>().ToDictionary(
                q => q,
                q => tasks.Where(t => t.Status.Queue() == q)
                    .OrderBy(t => TaskStateNames.All.ToList().IndexOf(t.Status))
                    .ThenByDescending(t => t.Definition.Priority)
                    .ThenBy(t => t.Id.Number)
                    .Select(TaskView.Of)
                    .ToArray());

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonOutput.Serialize(new
                {
                    schema = 1,
                    emergency_stop = stop,
                    problems,
                    queues = queues.ToDictionary(q => q.Key.ToString().ToLowerInvariant(), q => new { count = q.Value.Length, tasks = q.Value }),
                }));
            }
            else
            {
                if (stop is not null)
                {
                    Console.WriteLine($"EMERGENCY STOP by {stop.By} since {stop.At:u}: {stop.Reason}");
                }

                foreach (var (queue, views) in queues)
                {
                    Console.WriteLine($"{queue.ToString().ToLowerInvariant()} ({views.Length})");
                    foreach (var view in views)
                    {
                        Console.WriteLine("  " + view.Line());
                    }
                }
            }

            foreach (var problem in problems)
            {
                Console.Error.WriteLine("error: " + problem);
            }

            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.InvalidData;
        });
        return command;
    }
}
