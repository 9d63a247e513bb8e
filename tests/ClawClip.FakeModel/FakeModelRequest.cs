using System.Text.Json;

namespace ClawClip.FakeModel;

/// <summary>
/// One HTTP request the fake received, parsed. For <c>POST /v1/messages</c> it exposes what a script decides
/// on: the model, the system prompt, the tools offered, the conversation so far, and helpers for the usual
/// questions (how many times has the model answered, what did the user last say, what did the tools return).
/// </summary>
public sealed class FakeModelRequest
{
    internal FakeModelRequest(int sequence, string method, string path, IReadOnlyDictionary<string, string> headers, JsonElement? body)
    {
        Sequence = sequence;
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        if (body is not { ValueKind: JsonValueKind.Object } json)
        {
            return;
        }

        Model = Json.String(json, "model");
        Stream = json.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        MaxTokens = json.TryGetProperty("max_tokens", out var max) && max.TryGetInt32(out var tokens) ? tokens : null;
        System = json.TryGetProperty("system", out var system) ? Json.Text(system) : string.Empty;
        Tools = json.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            ? [.. tools.EnumerateArray().Select(tool => new FakeModelTool(
                Json.String(tool, "name") ?? string.Empty,
                Json.String(tool, "description"),
                tool.TryGetProperty("input_schema", out var schema) ? schema : default))]
            : [];
        Messages = json.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
            ? [.. messages.EnumerateArray().Select(FakeModelMessage.Parse)]
            : [];
        if (json.TryGetProperty("output_config", out var output) && output.ValueKind == JsonValueKind.Object
            && output.TryGetProperty("format", out var format) && Json.String(format, "type") == "json_schema"
            && format.TryGetProperty("schema", out var answerSchema))
        {
            OutputSchema = answerSchema;
        }
    }

    /// <summary>1 for the first request the server received, then 2, 3, …</summary>
    public int Sequence { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path without the query string, such as <c>/v1/messages</c>.</summary>
    public string Path { get; }

    /// <summary>The request headers (names case-insensitive; repeated headers joined by commas).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The JSON body; null when there was none or it was not JSON.</summary>
    public JsonElement? Body { get; }

    /// <summary>The <c>model</c> asked for, as the client resolved it (Claude Code turns <c>sonnet</c> into a full id).</summary>
    public string? Model { get; }

    /// <summary>True when the client asked for server-sent events.</summary>
    public bool Stream { get; }

    /// <summary>The <c>max_tokens</c> asked for.</summary>
    public int? MaxTokens { get; }

    /// <summary>The system prompt's text (its blocks joined by new lines).</summary>
    public string System { get; } = string.Empty;

    /// <summary>The tools offered, in order.</summary>
    public IReadOnlyList<FakeModelTool> Tools { get; } = [];

    /// <summary>The conversation so far, in order.</summary>
    public IReadOnlyList<FakeModelMessage> Messages { get; } = [];

    /// <summary>The schema of <c>output_config.format</c> when the client asked for a JSON answer that way (Claude Code's title generation does).</summary>
    public JsonElement? OutputSchema { get; }

    /// <summary>True for <c>POST /v1/messages</c>.</summary>
    public bool IsMessages => Method == "POST" && Path == "/v1/messages";

    /// <summary>
    /// True for a call of the agent's own conversation, as opposed to a side call the client makes for itself
    /// (Claude Code's session title, for one): the conversation offers tools, side calls offer none.
    /// </summary>
    public bool IsMainConversation => IsMessages && Tools.Count > 0;

    /// <summary>Claude Code's session id, from its <c>X-Claude-Code-Session-Id</c> header.</summary>
    public string? SessionId => Headers.TryGetValue("X-Claude-Code-Session-Id", out var id) ? id : null;

    /// <summary>How many times the model has answered in this conversation: which turn this request asks for (0 for the first).</summary>
    public int AssistantMessageCount => Messages.Count(message => message.Role == "assistant");

    /// <summary>The text of the last user message that has any text (tool results alone carry none); empty when none has.</summary>
    public string LastUserText => Messages.LastOrDefault(message => message.Role == "user" && message.Text.Length > 0)?.Text ?? string.Empty;

    /// <summary>Every tool result in the conversation, in order.</summary>
    public IReadOnlyList<FakeModelContentBlock> ToolResults => [.. Messages.SelectMany(message => message.ToolResults)];

    /// <summary>The newest tool result, if there is one.</summary>
    public FakeModelContentBlock? LastToolResult => ToolResults is [.., var last] ? last : null;

    /// <summary>True when a tool of this name was offered.</summary>
    public bool HasTool(string name) => Tools.Any(tool => tool.Name == name);

    /// <summary>The request as a short line, for assertion messages.</summary>
    public override string ToString() =>
        IsMessages
            ? $"#{Sequence} {Method} {Path} model={Model} tools={Tools.Count} messages={Messages.Count} assistant={AssistantMessageCount}"
            : $"#{Sequence} {Method} {Path}";
}
