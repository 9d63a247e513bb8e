using System.Text.Json;
using ClawClip.Core.Agents;
using ClawClip.Processes;

namespace ClawClip.Agents;

/// <summary>
/// Reads the result JSON an agent prints — Claude Code's <c>--output-format json</c> result, which the
/// <c>command</c> runtime's contract copies: <c>is_error</c>, <c>result</c>, <c>structured_output</c>,
/// <c>session_id</c>, <c>total_cost_usd</c>, <c>num_turns</c>, <c>usage</c> (its four token counts, summed: see
/// <see cref="AgentRunResult.Tokens"/>). A run succeeded only if the process exited 0
/// and <c>is_error</c> is false; a status word such as <c>subtype: "success"</c> is never enough on its own. A run
/// that was asked for an answer in a JSON Schema succeeded only if it gave one: Claude Code asks the model once more
/// and then ends with <c>is_error: false</c> and no <c>structured_output</c> when the model still answers in prose.
/// A failure is the agent's unless <see cref="OutageSigns"/> finds that the model's API failed it.
/// </summary>
internal static class AgentResultParser
{
    /// <summary>
    /// The most an agent may print on stdout, 4 MiB (README: "output over 4 MB" is a failure): a result JSON is a few
    /// kilobytes, so more is a runaway agent, and what it says cannot be trusted whole (only the head and tail are kept).
    /// </summary>
    public const int MaxOutputBytes = ProcessSpec.DefaultMaxOutputBytes;

    private static readonly string[] UsageCounts = ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"];

    /// <param name="process">How the agent's process ended.</param>
    /// <param name="timeout">Its timeout, to say so when it ran out.</param>
    /// <param name="expectStructuredOutput">Whether it was asked for an answer in a JSON Schema.</param>
    /// <param name="maxOutputBytes">The stdout limit it ran with: more is a failure, whatever the output ends with.</param>
    public static AgentRunResult Parse(ProcessResult process, TimeSpan timeout, bool expectStructuredOutput = false, int maxOutputBytes = MaxOutputBytes)
    {
        if (process.TimedOut)
        {
            return AgentRunResult.Failed($"timed out after {timeout.TotalSeconds:0.#} s; it and every process it started were killed");
        }

        if (process.StandardOutputTruncated || process.StandardOutputBytes > maxOutputBytes)
        {
            return AgentRunResult.Failed($"{ExitCode(process.ExitCode)}: its output is over the limit: it printed {Megabytes(process.StandardOutputBytes)} on stdout, and an agent may print at most {Megabytes(maxOutputBytes)} ({maxOutputBytes} bytes); its result is not taken{StderrTail(process)}");
        }

        if (!TryReadResult(process.StandardOutput, out var json, out var problem))
        {
            return AgentRunResult.Failed($"{ExitCode(process.ExitCode)}: its output is not the result JSON the runtime contract asks for ({problem}){StderrTail(process)}");
        }

        using (json)
        {
            var root = json.RootElement;
            var isError = !root.TryGetProperty("is_error", out var flag) || flag.ValueKind != JsonValueKind.False;
            var result = String(root, "result");
            var sessionId = String(root, "session_id");
            var cost = root.TryGetProperty("total_cost_usd", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDecimal() : 0m;
            var turns = root.TryGetProperty("num_turns", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : 0;
            var tokens = Tokens(root);
            var structured = root.TryGetProperty("structured_output", out var s) && s.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? s.GetRawText() : null;

            if (process.ExitCode != 0 || isError)
            {
                var (outage, retryAfter) = OutageSigns.Read(root, result);
                var reason = root.TryGetProperty("is_error", out _) ? ReportedError(root, result, outage) : "did not say is_error: false";
                return AgentRunResult.Failed($"{ExitCode(process.ExitCode)}: {reason}", sessionId, cost, turns) with
                {
                    Tokens = tokens,
                    FailureKind = outage ? AgentFailureKind.Outage : AgentFailureKind.Agent,
                    RetryAfter = retryAfter,
                };
            }

            if (expectStructuredOutput && structured is null)
            {
                var answer = result is null ? "nothing" : result.Length <= 200 ? result : result[..200] + "…";
                return AgentRunResult.Failed($"asked for an answer in the JSON schema, it gave none (no structured_output); it answered: {answer}", sessionId, cost, turns) with { Tokens = tokens };
            }

            return new AgentRunResult(true, result, structured, sessionId, cost, turns, null) { Tokens = tokens };
        }
    }

    /// <summary>
    /// The run's tokens: <c>usage</c>'s <c>input_tokens</c>, <c>output_tokens</c>, <c>cache_creation_input_tokens</c>
    /// and <c>cache_read_input_tokens</c>, added up. A count that is missing or not a whole number adds nothing: usage
    /// is an account of the run, never a reason to refuse its result.
    /// </summary>
    private static long Tokens(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        long sum = 0;
        foreach (var name in UsageCounts)
        {
            if (usage.TryGetProperty(name, out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var n) && n > 0)
            {
                sum += n;
            }
        }

        return sum;
    }

    private static string Megabytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB");

    /// <summary>The exit code, and the signal when one killed the process (the shell's 128 + N).</summary>
    private static string ExitCode(int code) => code switch
    {
        > 128 and < 160 => $"exit code {code} (killed by signal {code - 128}{(code - 128) switch { 9 => ", SIGKILL", 15 => ", SIGTERM", 6 => ", SIGABRT", 11 => ", SIGSEGV", _ => string.Empty }})",
        _ => $"exit code {code}",
    };

    /// <summary>The whole output as one JSON object, or else its last line that is one (stream-json ends with the result).</summary>
    private static bool TryReadResult(string output, out JsonDocument json, out string problem)
    {
        problem = "nothing was printed";
        json = null!;
        var trimmed = output.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (TryObject(trimmed, out json, out problem))
        {
            return true;
        }

        var last = trimmed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last is not null && last != trimmed && TryObject(last, out json, out _);
    }

    private static bool TryObject(string text, out JsonDocument json, out string problem)
    {
        json = null!;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                problem = string.Empty;
                return true;
            }

            var kind = json.RootElement.ValueKind;
            json.Dispose();
            problem = $"expected a JSON object, got {kind.ToString().ToLowerInvariant()}";
            return false;
        }
        catch (JsonException e)
        {
            var start = text.Length <= 80 ? text : text[..80] + "…";
            problem = $"{e.Message.Split(" Path:")[0].TrimEnd('.')}; it began: {start.ReplaceLineEndings(" ")}";
            return false;
        }
    }

    /// <summary>What went wrong in words, then the agent's own: the subtypes Claude Code ends a run with, or an API error.</summary>
    private static string ReportedError(JsonElement root, string? result, bool outage)
    {
        var subtype = String(root, "subtype");
        var detail = result ?? Errors(root) ?? subtype ?? "no detail";
        var why = subtype switch
        {
            "error_max_turns" => "ran out of turns (--max-turns)",
            "error_max_budget_usd" => "ran out of budget (--max-budget-usd)",
            "error_max_structured_output_retries" => "gave no answer that fits the JSON schema",
            "error_during_execution" => "failed during execution",
            _ => null,
        };
        if (why is null && root.TryGetProperty("api_error_status", out var status) && status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out var code))
        {
            // The subtype of an API failure says "success": naming it would only confuse.
            return $"the model's API failed with HTTP {code} ({detail})";
        }

        if (why is null && outage)
        {
            return $"the model's API failed ({detail})";
        }

        return $"{why ?? "reported an error"} ({(subtype is null ? string.Empty : subtype + ": ")}{detail})";
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Errors(JsonElement root) =>
        root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
            ? string.Join("; ", errors.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()))
            : null;

    private static string StderrTail(ProcessResult process)
    {
        var lines = process.StandardError.Trim().Split('\n');
        return lines.Length == 0 || lines[0].Length == 0
            ? string.Empty
            : "; stderr: " + string.Join(" / ", lines.TakeLast(3));
    }
}
