using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.State;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip status</c>: the three queues a person watches — intake, active, completed — and the files taken to
/// <c>state/quarantine/</c> because they could not be read (a bad file is set aside, never a stop).
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("status", "Show the intake, active and completed queues with counts and tasks.") { json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var store = CommonOptions.Repository(parse).OpenStore(TimeProvider.System);
            store.SweepStrays();
            var tasks = store.ListSummaries();
            await store.FlushLineageAsync(cancellationToken).ConfigureAwait(false); // the quarantines just made, if any
            var quarantined = store.ListQuarantined();
            var stop = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            var queues = Enum.GetValues<QueueKind>().ToDictionary(
                q => q,
                q => tasks.Where(t => t.Status.Queue() == q)
                    .OrderBy(t => (int)t.Status)
                    .ThenByDescending(t => t.Priority)
                    .ThenBy(t => t.Id.Number)
                    .Select(TaskView.Of)
                    .ToArray());

            if (parse.GetValue(json))
            {
                WriteJson(stop, quarantined, queues);
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

                if (quarantined.Count > 0)
                {
                    Console.WriteLine($"quarantined ({quarantined.Count}): unreadable, set aside; move one back to its origin once fixed");
                    foreach (var file in quarantined)
                    {
                        Console.WriteLine($"  {file.Origin} → {file.Path}  ({file.At:u}): {file.Problem}");
                    }
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Writes the JSON straight to stdout: with ten thousand tasks, reflection over anonymous objects
    /// cost more than reading the files did.
    /// </summary>
    private static void WriteJson(EmergencyStop? stop, IReadOnlyList<QuarantinedFile> quarantined, Dictionary<QueueKind, TaskView[]> queues)
    {
        using var stdout = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteNumber("schema", 1);
        writer.WritePropertyName("emergency_stop");
        if (stop is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("reason", stop.Reason);
            writer.WriteString("by", stop.By);
            writer.WriteString("at", stop.At);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("quarantined");
        foreach (var file in quarantined)
        {
            writer.WriteStartObject();
            writer.WriteString("origin", file.Origin);
            writer.WriteString("path", file.Path);
            writer.WriteString("kind", file.Kind);
            writer.WriteString("at", file.At);
            writer.WriteString("problem", file.Problem);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("queues");
        foreach (var (queue, views) in queues)
        {
            writer.WriteStartObject(queue.ToString().ToLowerInvariant());
            writer.WriteNumber("count", views.Length);
            writer.WriteStartArray("tasks");
            foreach (var view in views)
            {
                writer.WriteStartObject();
                writer.WriteString("id", view.Id);
                writer.WriteString("title", view.Title);
                writer.WriteString("status", view.Status);
                writer.WriteNumber("priority", view.Priority);
                writer.WriteStartArray("skills");
                foreach (var skill in view.Skills)
                {
                    writer.WriteStringValue(skill);
                }

                writer.WriteEndArray();
                writer.WriteString("goal", view.Goal);
                writer.WriteNumber("attempt", view.Attempt);
                writer.WriteString("holder", view.Holder);
                if (view.LeaseExpiresAt is { } until)
                {
                    writer.WriteString("lease_expires_at", until);
                }
                else
                {
                    writer.WriteNull("lease_expires_at");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        stdout.WriteByte((byte)'\n');
    }
}
