using System.Text.Json;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// Reads the summary fields of a task file in one forward pass, stepping over the history instead of
/// building it. The whole document is still read, so a truncated or malformed file is still refused
/// with its name; the history's transitions are checked by every command that changes the task.
/// </summary>
internal static class TaskSummaryReader
{
    public static TaskSummary Read(ReadOnlySpan<byte> bytes, string displayPath, TaskId expectedId)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 16 });
        int? schema = null;
        string? id = null, title = null, status = null, holder = null, goal = null;
        int priority = 0, attempt = 0;
        var skills = new List<string>();
        DateTimeOffset? expires = null;
        try
        {
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, displayPath, "expected a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "schema": schema = reader.GetInt32(); break;
                    case "id": id = reader.GetString(); break;
                    case "title": title = reader.GetString(); break;
                    case "status": status = reader.GetString(); break;
                    case "priority": priority = reader.GetInt32(); break;
                    case "attempt": attempt = reader.GetInt32(); break;
                    case "holder": holder = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                    case "goal": goal = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                    case "skills" when reader.TokenType == JsonTokenType.StartArray:
                        while (reader.Read() && reader.TokenType == JsonTokenType.String)
                        {
                            skills.Add(reader.GetString()!);
                        }

                        break;
                    case "lease" when reader.TokenType == JsonTokenType.StartObject:
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var field = reader.GetString();
                            reader.Read();
                            if (field == "expires_at")
                            {
                                expires = reader.GetDateTimeOffset();
                            }
                        }

                        break;
                    default:
                        reader.Skip(); // spec, acceptance, history …: read through, not kept
                        break;
                }
            }

            Expect(reader.TokenType == JsonTokenType.EndObject && !reader.Read(), displayPath, "unexpected content after the task object");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidStateFileException(displayPath, $"not a valid state file: {e.Message}", e);
        }

        Expect(schema is not null, displayPath, "\"schema\" is missing: expected \"schema\": 1");
        Expect(schema == StateJson.Schema, displayPath, $"schema {schema} is not supported: this claw.clip reads schema {StateJson.Schema}");
        Expect(id == expectedId.Value, displayPath, $"\"id\" is {id ?? "missing"} but the file is named for {expectedId}");
        Expect(title is not null, displayPath, "\"title\" is missing");
        Expect(TaskStateNames.TryParse(status, out var state), displayPath, $"\"status\" '{status}' is not a task state");
        return new TaskSummary(expectedId, title!, state, priority, skills, goal, attempt, holder, expires);
    }

    private static void Expect(bool condition, string displayPath, string problem)
    {
        if (!condition)
        {
            throw new InvalidStateFileException(displayPath, problem);
        }
    }
}
