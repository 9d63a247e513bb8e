using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClawClip.Cli;

/// <summary>How <c>--json</c> output is written: snake_case, indented, readable characters kept.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
