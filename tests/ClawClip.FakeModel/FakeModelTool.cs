using System.Text.Json;

namespace ClawClip.FakeModel;

/// <summary>A tool the client offered the model in a request: its name, description and the JSON Schema of its input.</summary>
/// <param name="Name">The tool's name, such as <c>Write</c>, <c>Bash</c> or <c>StructuredOutput</c>.</param>
/// <param name="Description">What the client told the model the tool is for.</param>
/// <param name="InputSchema">The tool's <c>input_schema</c>; an undefined element when it had none.</param>
public sealed record FakeModelTool(string Name, string? Description, JsonElement InputSchema);
