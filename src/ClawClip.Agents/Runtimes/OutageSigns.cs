using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClawClip.Agents;

/// <summary>
/// Tells a failed run that the model's API failed — not the agent — from its result JSON: a <c>command</c> agent's
/// own word (<c>"failure_kind": "outage"</c>, or <c>"agent"</c>), else Claude Code's <c>api_error_status</c> (408,
/// 429, 5xx; 529 is overloaded), else <c>terminal_reason: "api_error"</c>, else the error text Claude Code 2.1 prints
/// in <c>result</c> or <c>errors</c> (checked against the real CLI: <c>API Error: 500 …</c>, <c>API Error: Request
/// rejected (429) · …</c>, <c>API Error: Unable to connect to API (ConnectionRefused)</c>, <c>Request timed out</c>,
/// <c>Connection error.</c>, overloaded). A 400 or 401 is not an outage: the request or the key is wrong, and
/// waiting changes nothing.
/// </summary>
internal static partial class OutageSigns
{
    /// <summary>Whether the failed run's result says the model's API failed, and the wait it asked for, if any.</summary>
    public static (bool Outage, TimeSpan? RetryAfter) Read(JsonElement root, string? result)
    {
        var retryAfter = root.TryGetProperty("retry_after_seconds", out var after) && after.ValueKind == JsonValueKind.Number && after.TryGetDouble(out var seconds) && seconds is >= 0 and <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        if (root.TryGetProperty("failure_kind", out var kind) && kind.ValueKind == JsonValueKind.String)
        {
            return (kind.GetString() == "outage", retryAfter);
        }

        if (root.TryGetProperty("api_error_status", out var status) && status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out var code))
        {
            return (IsOutageStatus(code), retryAfter);
        }

        var outage = root.TryGetProperty("terminal_reason", out var reason) && reason.ValueKind == JsonValueKind.String && reason.GetString() == "api_error"
            || IsOutageText(result)
            || (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                && errors.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && IsOutageText(e.GetString())));
        return (outage, retryAfter);
    }

    /// <summary>408 (request timeout), 429 (rate limited), and every 5xx: 500, 502, 503, 504, 529 (overloaded).</summary>
    public static bool IsOutageStatus(int code) => code is 408 or 429 or (>= 500 and <= 599);

    private static bool IsOutageText(string? text) => text is not null && OutageText().IsMatch(text);

    // Anchored at the start: an agent's own prose that mentions an error is not the API's error.
    [GeneratedRegex(@"^\s*(?:API Error:\s*(?:(?:408|429|5\d\d)\b|Request rejected \((?:408|429|5\d\d)\)|Unable to connect|Connection error|Request timed out|.*\boverloaded)|Request timed out|Connection error|Overloaded\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OutageText();
}
