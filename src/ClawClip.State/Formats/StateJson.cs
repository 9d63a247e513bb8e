using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClawClip.State;

/// <summary>
/// How every state file is written: snake_case, indented for a person reading it, unknown fields refused
/// (a typo in a hand-edited file is an error, not silently ignored), money rounded to <see cref="Core.Budgets.Money.Places"/>
/// places, and <c>"schema"</c> checked first.
/// </summary>
internal static class StateJson
{
    public const int Schema = 1;

    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Arrows, accents and quotes stay as written: these files are read by people.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
        Converters = { new MoneyJsonConverter() },
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>
    /// Reads a state file's bytes as <typeparamref name="T"/>, checking <c>"schema"</c> before anything else.
    /// Every failure is an <see cref="InvalidStateFileException"/> naming <paramref name="displayPath"/>.
    /// </summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> bytes, string displayPath)
        where T : class
    {
        if (bytes.IsEmpty)
        {
            throw new InvalidStateFileException(displayPath, "the file is empty");
        }

        CheckSchema(bytes, displayPath);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options)
                ?? throw new InvalidStateFileException(displayPath, "the file holds null instead of an object");
        }
        catch (JsonException e)
        {
            throw new InvalidStateFileException(displayPath, Describe(e), e);
        }
    }

    private static void CheckSchema(ReadOnlySpan<byte> bytes, string displayPath)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidStateFileException(displayPath, "expected a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSchema = reader.ValueTextEquals("schema"u8);
                reader.Read();
                if (isSchema)
                {
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var schema))
                    {
                        throw new InvalidStateFileException(displayPath, "\"schema\" must be a whole number");
                    }

                    if (schema != Schema)
                    {
                        throw new InvalidStateFileException(displayPath, $"schema {schema} is not supported: this claw.clip reads schema {Schema}");
                    }

                    return;
                }

                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new InvalidStateFileException(displayPath, Describe(e), e);
        }

        throw new InvalidStateFileException(displayPath, "\"schema\" is missing: expected \"schema\": 1");
    }

    private static string Describe(JsonException e)
    {
        var where = e.LineNumber is { } line ? $" (line {line + 1}" + (e.BytePositionInLine is { } col ? $", byte {col + 1})" : ")") : string.Empty;
        var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? string.Empty : $" at {e.Path}";
        return $"not a valid state file{field}{where}: {FirstSentence(e.Message)}";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
