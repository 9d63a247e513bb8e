using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ClawClip.FakeModel;

/// <summary>
/// Writes a <see cref="FakeModelReply"/> as the Messages API does: one JSON message, or with <c>stream: true</c>
/// server-sent events (message_start; content_block_start, deltas and content_block_stop for each block;
/// message_delta with the stop reason and usage; message_stop), or an error body with its HTTP status.
/// </summary>
internal static class MessagesWriter
{
    public static Task WriteAsync(HttpContext context, FakeModelRequest request, FakeModelReply reply, Func<string, string> newId)
    {
        if (reply.ErrorMessage is { } error)
        {
            return ErrorAsync(context.Response, reply.StatusCode, error, context.RequestAborted);
        }

        // Ids must differ between answers: Claude Code merges streamed assistant messages that share an id.
        var messageId = newId("msg");
        var content = reply.Blocks.Select(block => (Block: block, Id: block.IsToolUse ? newId("toolu") : null)).ToArray();
        var model = request.Model ?? "claude-fake";
        return request.Stream
            ? StreamAsync(context, reply, messageId, model, content)
            : JsonAsync(context.Response, Message(messageId, model, [.. content.Select(c => Final(c.Block, c.Id))], reply.StopReason, Usage(reply.InputTokens, reply.OutputTokens)), context.RequestAborted);
    }

    public static Task ErrorAsync(HttpResponse response, int statusCode, string message, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        var type = statusCode switch
        {
            400 => "invalid_request_error",
            401 => "authentication_error",
            403 => "permission_error",
            404 => "not_found_error",
            413 => "request_too_large",
            429 => "rate_limit_error",
            529 => "overloaded_error",
            _ => "api_error",
        };
        return JsonAsync(response, new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }, cancellationToken);
    }

    public static async Task JsonAsync(HttpResponse response, JsonNode body, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json";
        response.Headers["request-id"] = "req_fake";
        await response.WriteAsync(body.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task StreamAsync(HttpContext context, FakeModelReply reply, string messageId, string model, (FakeModelReplyBlock Block, string? Id)[] content)
    {
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["request-id"] = "req_fake";
        await response.StartAsync(cancellationToken).ConfigureAwait(false);

        async Task EventAsync(string name, JsonObject data)
        {
            await response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await EventAsync("message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = Message(messageId, model, [], stopReason: null, Usage(reply.InputTokens, outputTokens: 1)),
        }).ConfigureAwait(false);
        await EventAsync("ping", new JsonObject { ["type"] = "ping" }).ConfigureAwait(false);

        for (var index = 0; index < content.Length; index++)
        {
            var (block, id) = content[index];
            var start = block.IsToolUse
                ? new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = block.ToolName, ["input"] = new JsonObject() }
                : new JsonObject { ["type"] = "text", ["text"] = string.Empty };
            await EventAsync("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = start }).ConfigureAwait(false);

            // Each block in two deltas, as a real stream splits them: the client must put the pieces together.
            var whole = block.IsToolUse ? block.ToolInput!.ToJsonString() : block.TextContent!;
            foreach (var piece in Halves(whole))
            {
                var delta = block.IsToolUse
                    ? new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece }
                    : new JsonObject { ["type"] = "text_delta", ["text"] = piece };
                await EventAsync("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta }).ConfigureAwait(false);
            }

            await EventAsync("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }).ConfigureAwait(false);
        }

        await EventAsync("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = reply.StopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = reply.OutputTokens },
        }).ConfigureAwait(false);
        await EventAsync("message_stop", new JsonObject { ["type"] = "message_stop" }).ConfigureAwait(false);
    }

    private static JsonObject Message(string id, string model, JsonArray content, string? stopReason, JsonObject usage) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = usage,
    };

    private static JsonObject Final(FakeModelReplyBlock block, string? id) => block.IsToolUse
        ? new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = block.ToolName, ["input"] = block.ToolInput!.DeepClone() }
        : new JsonObject { ["type"] = "text", ["text"] = block.TextContent };

    private static JsonObject Usage(int inputTokens, int outputTokens) => new()
    {
        ["input_tokens"] = inputTokens,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
        ["output_tokens"] = outputTokens,
    };

    private static string[] Halves(string text)
    {
        if (text.Length < 2)
        {
            return [text];
        }

        var middle = text.Length / 2;
        if (char.IsHighSurrogate(text[middle - 1]))
        {
            middle++; // never split a character in two
        }

        return [text[..middle], text[middle..]];
    }

    internal static string Id(string prefix, int number) => $"{prefix}_fake_{number.ToString("D4", CultureInfo.InvariantCulture)}";
}
