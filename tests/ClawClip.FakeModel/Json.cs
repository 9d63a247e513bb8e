using System.Text.Json;

namespace ClawClip.FakeModel;

/// <summary>Small readers for the loosely shaped JSON of the Messages API.</summary>
internal static class Json
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A string, or the text of an array of text blocks joined by new lines (how <c>system</c> and tool results come).</summary>
    public static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Join('\n', element.EnumerateArray().Select(part => part.ValueKind == JsonValueKind.String ? part.GetString() : String(part, "text")).OfType<string>()),
        _ => string.Empty,
    };
}
