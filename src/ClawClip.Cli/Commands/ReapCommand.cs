using System.CommandLine;

namespace ClawClip.Cli.Commands;

/// <summary><c>clawclip reap</c>: repair what crashes left, and take back expired claims.</summary>
internal static class ReapCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("reap", "Repair what a crash left and return tasks whose lease expired to the backlog (or fail them past their attempts).") { json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var store = CommonOptions.Repository(parse).OpenStore(TimeProvider.System);
            var before = store.ListQuarantined().Select(q => q.Path).ToHashSet(StringComparer.Ordinal);
            var repairs = await store.RecoverAsync(cancellationToken).ConfigureAwait(false);
            var report = await store.ReapAsync(cancellationToken).ConfigureAwait(false);
            var allRepairs = repairs.Concat(report.Repairs).ToArray();
            var quarantined = store.ListQuarantined().Where(q => !before.Contains(q.Path)).ToArray();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonOutput.Serialize(new
                {
                    requeued = report.Requeued.Select(t => t.Value),
                    failed = report.Failed.Select(t => t.Value),
                    repairs = allRepairs,
                    quarantined = quarantined.Select(q => new { origin = q.Origin, path = q.Path, kind = q.Kind, problem = q.Problem }),
                }));
                return ExitCodes.Ok;
            }

            foreach (var repair in allRepairs)
            {
                Console.WriteLine("repaired: " + repair);
            }


            Console.WriteLine($"requeued {report.Requeued.Count}{List(report.Requeued)}, failed {report.Failed.Count}{List(report.Failed)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string List<T>(IReadOnlyList<T> items) => items.Count == 0 ? string.Empty : " (" + string.Join(", ", items) + ")";
}
