using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClawClip.FakeModel;

/// <summary>
/// A fake Anthropic Messages API on Kestrel at <c>http://127.0.0.1:PORT</c> (a free port), scripted by a test, for
/// running a real client such as the Claude Code CLI without a model: point <c>ANTHROPIC_BASE_URL</c> at
/// <see cref="BaseAddress"/>. It serves <c>POST /v1/messages</c> (streamed or not), <c>POST /v1/messages/count_tokens</c>
/// and <c>GET /v1/models</c>, and records every request it receives.
/// </summary>
/// <remarks>
/// The script answers the agent's own conversation (<see cref="FakeModelRequest.IsMainConversation"/>); side calls the
/// client makes for itself get <see cref="FakeModelReply.ForSideCall"/> unless a second script is given. A script that
/// throws is answered with HTTP 400 naming the exception, which the client does not retry and reports.
/// </remarks>
public sealed class FakeModelServer : IAsyncDisposable
{
    private static readonly string[] ModelIds = ["claude-sonnet-5", "claude-opus-4-8", "claude-haiku-4-5-20251001"];

    private readonly Func<FakeModelRequest, FakeModelReply> script;
    private readonly Func<FakeModelRequest, FakeModelReply> sideCalls;

    // Kestrel calls HandleAsync on many threads at once; the list is only touched under this lock.
    private readonly Lock gate = new();
    private readonly List<FakeModelRequest> requests = [];
    private int sequence;
    private int ids;

    private WebApplication? app;

    private FakeModelServer(Func<FakeModelRequest, FakeModelReply> script, Func<FakeModelRequest, FakeModelReply> sideCalls)
    {
        this.script = script;
        this.sideCalls = sideCalls;
    }

    /// <summary>The server's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received so far, in order of arrival: a copy, safe to read while requests arrive.</summary>
    public IReadOnlyList<FakeModelRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>The requests of the agent's own conversation (<see cref="FakeModelRequest.IsMainConversation"/>), in order.</summary>
    public IReadOnlyList<FakeModelRequest> MainRequests => [.. Requests.Where(request => request.IsMainConversation)];

    /// <summary>Starts a server whose main conversation <paramref name="script"/> answers; side calls get a canned answer.</summary>
    public static Task<FakeModelServer> StartAsync(Func<FakeModelRequest, FakeModelReply> script, CancellationToken cancellationToken = default) =>
        StartAsync(script, FakeModelReply.ForSideCall, cancellationToken);

    /// <summary>Starts a server: <paramref name="script"/> answers the main conversation, <paramref name="sideCalls"/> every other <c>POST /v1/messages</c>.</summary>
    public static async Task<FakeModelServer> StartAsync(Func<FakeModelRequest, FakeModelReply> script, Func<FakeModelRequest, FakeModelReply> sideCalls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(sideCalls);
        var server = new FakeModelServer(script, sideCalls);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Stops the server; requests in flight are cut off.</summary>
    public async ValueTask DisposeAsync()
    {
        if (app is { } running)
        {
            app = null;
            await running.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await running.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        web.Run(HandleAsync);
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        app = web;

        var address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address, UriKind.Absolute);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var http = context.Request;
        var request = new FakeModelRequest(
            Interlocked.Increment(ref sequence),
            http.Method,
            http.Path.Value ?? "/",
            http.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await ReadJsonAsync(http, context.RequestAborted).ConfigureAwait(false));
        lock (gate)
        {
            requests.Add(request);
        }

        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        switch (request.Method, request.Path)
        {
            case ("HEAD" or "GET", "/"): // Claude Code's connectivity check
                response.StatusCode = StatusCodes.Status200OK;
                break;
            case ("POST", "/v1/messages") when request.Body is { ValueKind: JsonValueKind.Object }:
                await MessagesWriter.WriteAsync(context, request, Answer(request), NewId).ConfigureAwait(false);
                break;
            case ("POST", "/v1/messages/count_tokens"):
                // About four characters a token, as good an estimate as a client needs.
                var length = request.Body?.GetRawText().Length ?? 0;
                await MessagesWriter.JsonAsync(response, new JsonObject { ["input_tokens"] = Math.Max(1, length / 4) }, cancellationToken).ConfigureAwait(false);
                break;
            case ("GET", "/v1/models"):
                await MessagesWriter.JsonAsync(response, Models(), cancellationToken).ConfigureAwait(false);
                break;
            case ("GET", var path) when path.StartsWith("/v1/models/", StringComparison.Ordinal):
                await MessagesWriter.JsonAsync(response, Model(path["/v1/models/".Length..]), cancellationToken).ConfigureAwait(false);
                break;
            case ("POST", "/v1/messages"):
                await MessagesWriter.ErrorAsync(response, StatusCodes.Status400BadRequest, "the body is not a JSON object", cancellationToken).ConfigureAwait(false);
                break;
            default:
                await MessagesWriter.ErrorAsync(response, StatusCodes.Status404NotFound, $"the fake model serves no {request.Method} {request.Path}", cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private FakeModelReply Answer(FakeModelRequest request)
    {
        try
        {
            return (request.IsMainConversation ? script : sideCalls)(request);
        }
        catch (Exception e)
        {
            return FakeModelReply.Error(StatusCodes.Status400BadRequest, $"the fake model's script threw on request {request}: {e.GetType().Name}: {e.Message}");
        }
    }

    private string NewId(string prefix) => MessagesWriter.Id(prefix, Interlocked.Increment(ref ids));

    private static async Task<JsonElement?> ReadJsonAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (http.ContentLength is 0 || !HttpMethods.IsPost(http.Method))
        {
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(http.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject Models() => new()
    {
        ["data"] = new JsonArray([.. ModelIds.Select(id => (JsonNode)Model(id))]),
        ["has_more"] = false,
        ["first_id"] = ModelIds[0],
        ["last_id"] = ModelIds[^1],
    };

    private static JsonObject Model(string id) => new()
    {
        ["type"] = "model",
        ["id"] = id,
        ["display_name"] = id,
        ["created_at"] = "2026-01-01T00:00:00Z",
    };
}
