using System.Text.Json.Nodes;

namespace ClawClip.FakeModel;

/// <summary>One content block of a scripted answer: text, or a call of one of the tools the client offered.</summary>
public sealed class FakeModelReplyBlock
{
    private FakeModelReplyBlock(string? text, string? toolName, JsonNode? toolInput)
    {
        TextContent = text;
        ToolName = toolName;
        ToolInput = toolInput;
    }

    internal string? TextContent { get; }

    internal string? ToolName { get; }

    internal JsonNode? ToolInput { get; }

    internal bool IsToolUse => ToolName is not null;

    /// <summary>A text block.</summary>
    public static FakeModelReplyBlock Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(text, null, null);
    }

    /// <summary>A call of the tool <paramref name="name"/> with <paramref name="input"/> (a JSON object).</summary>
    public static FakeModelReplyBlock ToolUse(string name, JsonNode input)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(input);
        return new(null, name, input.DeepClone());
    }

    /// <summary>A call of the tool <paramref name="name"/> with the JSON object <paramref name="inputJson"/>.</summary>
    public static FakeModelReplyBlock ToolUse(string name, string inputJson) =>
        ToolUse(name, JsonNode.Parse(inputJson) ?? throw new ArgumentException("A tool's input must be a JSON object, not null.", nameof(inputJson)));

    /// <summary>The block as a short line, for assertion messages.</summary>
    public override string ToString() => IsToolUse ? $"tool_use {ToolName} {ToolInput!.ToJsonString()}" : $"text: {TextContent}";
}
