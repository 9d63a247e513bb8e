using System.Text.Json;
using ClawClip.Core.Agents;

namespace ClawClip.Core.Pipeline;

/// <summary>A QA agent's answer about a result: approve it, or ask for a revision with inline comments.</summary>
/// <param name="Approve">True to send the work to the merge queue; false to send it back to its dev.</param>
/// <param name="Summary">Why, in the reviewer's words.</param>
/// <param name="Comments">What to change, by file and line; at least one when asking for a revision.</param>
public sealed record QaVerdict(bool Approve, string Summary, IReadOnlyList<ReviewComment> Comments)
{
    /// <summary>The JSON Schema the answer must follow (Claude Code's <c>--json-schema</c>).</summary>
    public const string Schema = """
        {"type":"object","additionalProperties":false,"required":["verdict","summary","comments"],"properties":{"verdict":{"type":"string","enum":["approve","revise"]},"summary":{"type":"string"},"comments":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["file","line","comment"],"properties":{"file":{"type":"string"},"line":{"type":"integer","minimum":0},"comment":{"type":"string"}}}}}}
        """;

    private const int MostComments = 50;

    /// <summary>
    /// Reads a verdict from the agent's structured output (or its plain answer, when the runtime has no
    /// structured output). Returns null with <paramref name="problem"/> saying what is wrong when it is not one.
    /// </summary>
    public static QaVerdict? TryParse(string? json, out string problem)
    {
        problem = string.Empty;
        if (string.IsNullOrWhiteSpace(json))
        {
            problem = "the reviewer gave no verdict (no structured output)";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"the verdict is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object";
                return null;
            }

            var verdict = root.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (verdict is not ("approve" or "revise"))
            {
                problem = "\"verdict\" must be \"approve\" or \"revise\"";
                return null;
            }

            var summary = root.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Empty;
            var comments = new List<ReviewComment>();
            if (root.TryGetProperty("comments", out var list) && list.ValueKind != JsonValueKind.Null)
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    problem = "\"comments\" must be an array of {file, line, comment}";
                    return null;
                }

                foreach (var item in list.EnumerateArray().Take(MostComments))
                {
                    if (item.ValueKind != JsonValueKind.Object
                        || !item.TryGetProperty("file", out var file) || file.ValueKind != JsonValueKind.String
                        || !item.TryGetProperty("comment", out var text) || text.ValueKind != JsonValueKind.String)
                    {
                        problem = $"comments[{comments.Count}] needs a \"file\" and a \"comment\" (strings) and a \"line\" (a number)";
                        return null;
                    }

                    var line = item.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) && n >= 0 ? n : 0;
                    comments.Add(new ReviewComment(file.GetString()!, line, text.GetString()!));
                }
            }

            if (verdict == "revise" && comments.Count == 0 && string.IsNullOrWhiteSpace(summary))
            {
                problem = "a \"revise\" verdict must say what to change (comments or a summary)";
                return null;
            }

            return new QaVerdict(verdict == "approve", summary, comments);
        }
        catch (JsonException e)
        {
            problem = $"the verdict is not valid JSON: {e.Message}";
            return null;
        }
    }
}
