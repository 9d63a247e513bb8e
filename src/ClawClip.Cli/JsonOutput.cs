using System.Text.Encodings.Web;
using System.Text.Json;
using ClawClip.State;

namespace ClawClip.Cli;

/// <summary>How <c>--json</c> output is written: snake_case, indented, readable characters kept, money rounded as in the state files.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new MoneyJsonConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
