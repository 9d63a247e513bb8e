using System.Text.Json;

namespace ClawClip.FakeModel;

/// <summary>
/// One content block of a message in a request: text, a tool call the model made earlier (<c>tool_use</c>), or
/// the result the client sends back for one (<c>tool_result</c>). Other kinds (images, thinking) keep only their
/// <see cref="Type"/> and <see cref="Raw"/> JSON.
/// </summary>
public sealed class FakeModelContentBlock
{
    private FakeModelContentBlock(string type, JsonElement raw)
    {
        Type = type;
        Raw = raw;
    }

    /// <summary>The block's <c>type</c>: <c>text</c>, <c>tool_use</c>, <c>tool_result</c>, …</summary>
    public string Type { get; }

    /// <summary>A text block's text; a tool result's content (its text parts joined by new lines); otherwise null.</summary>
    public string? Text { get; private init; }

    /// <summary>A tool call's <c>id</c>, or the <c>tool_use_id</c> a tool result answers.</summary>
    public string? ToolUseId { get; private init; }

    /// <summary>A tool call's tool name.</summary>
    public string? Name { get; private init; }

    /// <summary>A tool call's input.</summary>
    public JsonElement? Input { get; private init; }

    /// <summary>True for a tool result the client marked <c>is_error</c> (the tool failed or was refused).</summary>
    public bool IsError { get; private init; }

    /// <summary>The block as it was sent.</summary>
    public JsonElement Raw { get; }

    /// <summary>The block as a short line, for assertion messages.</summary>
    public override string ToString() => Type switch
    {
        "tool_use" => $"tool_use {Name} {Input?.GetRawText()}",
        "tool_result" => $"tool_result{(IsError ? " (error)" : string.Empty)}: {Text}",
        _ => $"{Type}: {Text}",
    };

    internal static FakeModelContentBlock Parse(JsonElement block)
    {
        if (block.ValueKind == JsonValueKind.String)
        {
            return new FakeModelContentBlock("text", block) { Text = block.GetString() };
        }

        var type = Json.String(block, "type") ?? "unknown";
        return type switch
        {
            "text" => new FakeModelContentBlock(type, block) { Text = Json.String(block, "text") },
            "tool_use" => new FakeModelContentBlock(type, block)
            {
                ToolUseId = Json.String(block, "id"),
                Name = Json.String(block, "name"),
                Input = block.TryGetProperty("input", out var input) ? input : null,
            },
            "tool_result" => new FakeModelContentBlock(type, block)
            {
                ToolUseId = Json.String(block, "tool_use_id"),
                Text = block.TryGetProperty("content", out var content) ? Json.Text(content) : null,
                IsError = block.TryGetProperty("is_error", out var error) && error.ValueKind == JsonValueKind.True,
            },
            _ => new FakeModelContentBlock(type, block),
        };
    }
}
