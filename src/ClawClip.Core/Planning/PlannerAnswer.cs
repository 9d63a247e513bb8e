using System.Text.Json;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Planning;

/// <summary>
/// The planner's structured answer: the tasks for one goal. Checked whole before anything is submitted, so an answer
/// that is wrong anywhere adds no task at all.
/// </summary>
public static class PlannerAnswer
{
    /// <summary>At most this many tasks per goal: more means the goal should be split in the roadmap.</summary>
    public const int MostTasks = 30;

    /// <summary>The JSON Schema the planner answers in (Claude Code's <c>--json-schema</c>).</summary>
    public const string Schema = """
        {"type":"object","additionalProperties":false,"required":["tasks"],"properties":{"tasks":{"type":"array","minItems":1,"maxItems":30,"items":{"type":"object","additionalProperties":false,"required":["key","title","spec","acceptance","estimate_minutes"],"properties":{"key":{"type":"string"},"title":{"type":"string"},"spec":{"type":"string"},"acceptance":{"type":"array","items":{"type":"string"}},"estimate_minutes":{"type":"integer","minimum":1},"skills":{"type":"array","items":{"type":"string"}},"priority":{"type":"integer","minimum":0,"maximum":100},"depends_on":{"type":"array","items":{"type":"string"}}}}}}}
        """;

    /// <summary>The tasks, or null with <paramref name="problem"/> naming the first thing wrong.</summary>
    public static IReadOnlyList<PlannedTask>? TryParse(string? json, out string problem)
    {
        problem = string.Empty;
        if (string.IsNullOrWhiteSpace(json))
        {
            problem = "the planner gave no answer (no structured output)";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("tasks", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                problem = "the answer must be an object with a \"tasks\" array";
                return null;
            }

            var tasks = new List<PlannedTask>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list.EnumerateArray())
            {
                var at = $"tasks[{tasks.Count}]";
                if (tasks.Count == MostTasks)
                {
                    problem = $"more than {MostTasks} tasks for one goal; split the goal in ROADMAP.md";
                    return null;
                }

                if (Read(item, at, keys, out problem) is not { } task)
                {
                    return null;
                }

                tasks.Add(task);
                keys.Add(task.Key);
            }

            if (tasks.Count == 0)
            {
                problem = "\"tasks\" is empty: a goal needs at least one task";
                return null;
            }

            return tasks;
        }
        catch (JsonException e)
        {
            problem = $"the answer is not valid JSON: {e.Message}";
            return null;
        }
    }

    private static PlannedTask? Read(JsonElement item, string at, HashSet<string> earlier, out string problem)
    {
        problem = string.Empty;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem = $"{at} is not an object";
            return null;
        }

        var key = Text(item, "key");
        var title = Text(item, "title");
        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(title))
        {
            problem = $"{at} needs a \"key\" and a \"title\"";
            return null;
        }

        if (earlier.Contains(key))
        {
            problem = $"{at}: the key '{key}' is used twice";
            return null;
        }

        var dependsOn = Strings(item, "depends_on");
        if (dependsOn.FirstOrDefault(d => !earlier.Contains(d)) is { } unknown)
        {
            problem = $"{at} ('{key}') depends on '{unknown}', which is not a task listed before it";
            return null;
        }

        var estimate = item.TryGetProperty("estimate_minutes", out var e) && e.TryGetInt32(out var minutes) ? minutes : 0;
        var priority = item.TryGetProperty("priority", out var p) && p.TryGetInt32(out var value) ? value : TaskDefinition.DefaultPriority;
        var task = new PlannedTask(key, title.Trim(), Text(item, "spec") ?? string.Empty, Strings(item, "acceptance"), estimate, Strings(item, "skills"), priority, dependsOn);
        try
        {
            // The same checks a person's submission gets: one-line title, priority range, skill names, the size limits.
            new TaskDefinition(task.Title, task.Spec, task.Acceptance, task.Priority, task.Skills, null, [], TaskDefinition.DefaultMaxAttempts) { EstimateMinutes = estimate > 0 ? estimate : null }.ValidatedForIntake();
        }
        catch (ArgumentException ex)
        {
            problem = $"{at} ('{key}'): {ex.Message.Split(" (Parameter", 2)[0]}";
            return null;
        }

        return task;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Strings(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
