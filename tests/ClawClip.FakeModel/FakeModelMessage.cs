using System.Text.Json;

namespace ClawClip.FakeModel;

/// <summary>
/// One message of the conversation a request carries: its role (<c>user</c>, <c>assistant</c>, and with Claude
/// Code also <c>system</c> messages in the middle of the conversation) and its content blocks.
/// </summary>
public sealed class FakeModelMessage
{
    private FakeModelMessage(string role, IReadOnlyList<FakeModelContentBlock> content)
    {
        Role = role;
        Content = content;
    }

    /// <summary><c>user</c>, <c>assistant</c> or <c>system</c>.</summary>
    public string Role { get; }

    /// <summary>The content blocks in order (a plain string content is one text block).</summary>
    public IReadOnlyList<FakeModelContentBlock> Content { get; }

    /// <summary>The text blocks' text joined by new lines; empty when there is none.</summary>
    public string Text => string.Join('\n', Content.Where(block => block.Type == "text").Select(block => block.Text));

    /// <summary>The tool calls in this message (an assistant's).</summary>
    public IEnumerable<FakeModelContentBlock> ToolUses => Content.Where(block => block.Type == "tool_use");

    /// <summary>The tool results in this message (a user's).</summary>
    public IEnumerable<FakeModelContentBlock> ToolResults => Content.Where(block => block.Type == "tool_result");

    /// <summary>The message as a short line, for assertion messages.</summary>
    public override string ToString() => $"{Role}: {string.Join(" | ", Content)}";

    internal static FakeModelMessage Parse(JsonElement message)
    {
        var role = Json.String(message, "role") ?? "unknown";
        var content = !message.TryGetProperty("content", out var c)
            ? []
            : c.ValueKind == JsonValueKind.Array
                ? c.EnumerateArray().Select(FakeModelContentBlock.Parse).ToArray()
                : [FakeModelContentBlock.Parse(c)];
        return new FakeModelMessage(role, content);
    }
}
