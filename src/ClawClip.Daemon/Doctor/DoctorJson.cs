using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// How doctor requests, replies and <c>clawclip doctor --json</c> are written: snake_case like every claw.clip file,
/// statuses as "ok", "warn", "fail", and strict on reading: a missing field or a null where none may be is an error.
/// </summary>
public static class DoctorJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };
}
