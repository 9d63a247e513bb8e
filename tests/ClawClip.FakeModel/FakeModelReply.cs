using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClawClip.FakeModel;

/// <summary>
/// What the fake answers one <c>POST /v1/messages</c>: content blocks (text and tool calls) with the token usage
/// to report, or an HTTP error. Usage defaults to 1,000 input and 50 output tokens, so a client that prices
/// tokens (Claude Code's <c>total_cost_usd</c>) sees a cost above zero.
/// </summary>
public sealed class FakeModelReply
{
    private FakeModelReply(IReadOnlyList<FakeModelReplyBlock> blocks, int statusCode, string? errorMessage)
    {
        Blocks = blocks;
        StatusCode = statusCode;
        ErrorMessage = errorMessage;
    }

    /// <summary>The content blocks, in order; empty for an error.</summary>
    public IReadOnlyList<FakeModelReplyBlock> Blocks { get; }

    /// <summary>200, or the error's HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The error's message; null for an answer.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Input tokens reported in <c>usage</c>.</summary>
    public int InputTokens { get; private init; } = 1000;

    /// <summary>Output tokens reported in <c>usage</c>.</summary>
    public int OutputTokens { get; private init; } = 50;

    /// <summary><c>tool_use</c> when the answer calls a tool (the client runs it and asks again), otherwise <c>end_turn</c>.</summary>
    public string StopReason => Blocks.Any(block => block.IsToolUse) ? "tool_use" : "end_turn";

    /// <summary>An answer of one text block.</summary>
    public static FakeModelReply Text(string text) => Of(FakeModelReplyBlock.Text(text));

    /// <summary>An answer that calls the tool <paramref name="name"/> with <paramref name="input"/>.</summary>
    public static FakeModelReply ToolUse(string name, JsonNode input) => Of(FakeModelReplyBlock.ToolUse(name, input));

    /// <summary>An answer that calls the tool <paramref name="name"/> with the JSON object <paramref name="inputJson"/>.</summary>
    public static FakeModelReply ToolUse(string name, string inputJson) => Of(FakeModelReplyBlock.ToolUse(name, inputJson));

    /// <summary>An answer of these blocks, in order: say, some text and then several tool calls at once.</summary>
    public static FakeModelReply Of(params FakeModelReplyBlock[] blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Length == 0)
        {
            throw new ArgumentException("An answer needs at least one block.", nameof(blocks));
        }

        return new([.. blocks], 200, null);
    }

    /// <summary>An HTTP error with the Messages API's error body; its <c>error.type</c> follows the status (500 <c>api_error</c>, 529 <c>overloaded_error</c>, …).</summary>
    public static FakeModelReply Error(int statusCode, string message)
    {
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An error is an HTTP status from 400 to 599.");
        }

        return new([], statusCode, message);
    }

    /// <summary>
    /// The harmless answer the server gives side calls (those that are not <see cref="FakeModelRequest.IsMainConversation"/>)
    /// unless the test scripts them: for a request that asks for a JSON answer (<c>output_config.format</c>), an object
    /// with a short string for each string property of its schema (Claude Code's session title); otherwise "OK".
    /// </summary>
    public static FakeModelReply ForSideCall(FakeModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.OutputSchema is { ValueKind: JsonValueKind.Object } schema
            && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var answer = new JsonObject();
            foreach (var property in properties.EnumerateObject().Where(p => Json.String(p.Value, "type") == "string"))
            {
                answer[property.Name] = $"Fake {property.Name}";
            }

            return Text(answer.ToJsonString());
        }

        return Text("OK");
    }

    /// <summary>A copy that reports this usage.</summary>
    public FakeModelReply WithUsage(int inputTokens, int outputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokens);
        return new(Blocks, StatusCode, ErrorMessage) { InputTokens = inputTokens, OutputTokens = outputTokens };
    }

    /// <summary>The reply as a short line, for assertion messages.</summary>
    public override string ToString() => ErrorMessage is null ? string.Join(" | ", Blocks) : $"HTTP {StatusCode}: {ErrorMessage}";
}
