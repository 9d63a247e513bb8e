using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClawClip.FakeModel;
using ClawClip.Processes;

namespace ClawClip.Agents.Tests;

/// <summary>The fake Messages API over real HTTP: what it answers, how it records, and what the real CLI sends it on the side.</summary>
public sealed class FakeModelServerTests
{
    private const string Tools = """[{"name":"Read","description":"Reads a file","input_schema":{"type":"object"}}]""";

    [Fact]
    public async Task Messages_WithoutStream_AnswerOneJsonMessageWithUsage_AndEveryToolCallAndMessageItsOwnId()
    {
        await using var model = await FakeModelServer.StartAsync(_ => FakeModelReply.Of(
            FakeModelReplyBlock.Text("Let me look."),
            FakeModelReplyBlock.ToolUse("Read", """{"file_path":"/a"}"""),
            FakeModelReplyBlock.ToolUse("Read", """{"file_path":"/b"}""")).WithUsage(1200, 80));
        using var http = new HttpClient { BaseAddress = model.BaseAddress };

        using var first = await PostAsync(http, "/v1/messages", Body(stream: false));
        using var second = await PostAsync(http, "/v1/messages", Body(stream: false));

        var message = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal("tool_use", (string?)message["stop_reason"]);
        Assert.Equal(1200, (int)message["usage"]!["input_tokens"]!);
        Assert.Equal(80, (int)message["usage"]!["output_tokens"]!);
        var content = message["content"]!.AsArray();
        Assert.Equal(["text", "tool_use", "tool_use"], content.Select(block => (string?)block!["type"]));
        Assert.Equal("/b", (string?)content[2]!["input"]!["file_path"]);
        Assert.NotEqual((string?)content[1]!["id"], (string?)content[2]!["id"]);
        Assert.NotEqual((string?)message["id"], (string?)JsonNode.Parse(await second.Content.ReadAsStringAsync())!["id"]);
    }

    [Fact]
    public async Task Messages_WithStream_SendTheEventsInTheApisOrder_AndTheDeltasMakeUpEachBlock()
    {
        await using var model = await FakeModelServer.StartAsync(_ => FakeModelReply.Of(
            FakeModelReplyBlock.Text("Reading both files now."),
            FakeModelReplyBlock.ToolUse("Read", """{"file_path":"/tmp/ünïcødé 🦜.txt"}""")));
        using var http = new HttpClient { BaseAddress = model.BaseAddress };

        using var response = await PostAsync(http, "/v1/messages", Body(stream: true));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = (await response.Content.ReadAsStringAsync())
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('\n'))
            .Select(lines => (Name: lines[0]["event: ".Length..], Data: JsonNode.Parse(lines[1]["data: ".Length..])!))
            .ToArray();
        Assert.Equal(
            ["message_start", "ping",
             "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
             "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
             "message_delta", "message_stop"],
            events.Select(e => e.Name));
        Assert.All(events, e => Assert.Equal(e.Name, (string?)e.Data["type"]));
        string Joined(int index, string field) => string.Concat(events.Where(e => e.Name == "content_block_delta" && (int)e.Data["index"]! == index).Select(e => (string?)e.Data["delta"]![field]));
        Assert.Equal("Reading both files now.", Joined(0, "text"));
        Assert.Equal("/tmp/ünïcødé 🦜.txt", (string?)JsonNode.Parse(Joined(1, "partial_json"))!["file_path"]);
        Assert.Equal("tool_use", (string?)events[^2].Data["delta"]!["stop_reason"]);
        Assert.Equal(50, (int)events[^2].Data["usage"]!["output_tokens"]!);
        Assert.Equal(1000, (int)events[0].Data["message"]!["usage"]!["input_tokens"]!);
    }

    [Theory]
    [InlineData(500, "api_error")]
    [InlineData(529, "overloaded_error")]
    [InlineData(429, "rate_limit_error")]
    public async Task Messages_WhenTheScriptAnswersAnError_SendItsStatusAndTheApisErrorBody(int status, string type)
    {
        await using var model = await FakeModelServer.StartAsync(_ => FakeModelReply.Error(status, "scripted failure"));
        using var http = new HttpClient { BaseAddress = model.BaseAddress };

        using var response = await PostAsync(http, "/v1/messages", Body(stream: true));

        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal(type, (string?)error["error"]!["type"]);
        Assert.Equal("scripted failure", (string?)error["error"]!["message"]);
    }

    [Fact]
    public async Task Messages_WhenTheScriptThrows_AnswerA400NamingTheException_WhichClientsDoNotRetry()
    {
        await using var model = await FakeModelServer.StartAsync(_ => throw new InvalidOperationException("no answer for turn 7"));
        using var http = new HttpClient { BaseAddress = model.BaseAddress };

        using var response = await PostAsync(http, "/v1/messages", Body(stream: false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("InvalidOperationException: no answer for turn 7", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SideCalls_WithoutTools_GetACannedAnswer_FillingTheSchemaTheyAskFor_AndNeverReachTheScript()
    {
        var scripted = 0;
        await using var model = await FakeModelServer.StartAsync(_ =>
        {
            Interlocked.Increment(ref scripted);
            return FakeModelReply.Text("main");
        });
        using var http = new HttpClient { BaseAddress = model.BaseAddress };
        var titleRequest = """
            {"model":"claude-haiku-4-5","max_tokens":512,"messages":[{"role":"user","content":"name this session"}],
             "output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}}}}
            """;

        using var title = await PostAsync(http, "/v1/messages", titleRequest);
        using var plain = await PostAsync(http, "/v1/messages", """{"model":"claude-haiku-4-5","max_tokens":1,"messages":[{"role":"user","content":"quota"}]}""");

        Assert.Equal("""{"title":"Fake title"}""", (string?)JsonNode.Parse(await title.Content.ReadAsStringAsync())!["content"]![0]!["text"]);
        Assert.Equal("OK", (string?)JsonNode.Parse(await plain.Content.ReadAsStringAsync())!["content"]![0]!["text"]);
        Assert.Equal(0, scripted);
        Assert.Empty(model.MainRequests);
        Assert.Equal(2, model.Requests.Count(r => r.IsMessages));
    }

    [Fact]
    public async Task Requests_FromManyClientsAtOnce_AreAllRecorded_WithTheirOwnSequenceNumbers_AndOtherEndpointsAnswer()
    {
        await using var model = await FakeModelServer.StartAsync(request => FakeModelReply.Text(request.LastUserText));
        using var http = new HttpClient { BaseAddress = model.BaseAddress };

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await PostAsync(http, "/v1/messages", Body(stream: i % 2 == 0, text: $"hello {i}"));
            return await response.Content.ReadAsStringAsync();
        }));
        using var tokens = await PostAsync(http, "/v1/messages/count_tokens", Body(stream: false));
        using var models = await http.GetAsync(new Uri("/v1/models", UriKind.Relative));
        using var missing = await http.GetAsync(new Uri("/v2/nothing", UriKind.Relative));

        // Streamed answers (the even ones) split the text across deltas: they are checked for their last event.
        Assert.All(answers.Select((answer, i) => (answer, i)), a => Assert.Contains(a.i % 2 == 0 ? "event: message_stop" : $"hello {a.i}", a.answer, StringComparison.Ordinal));
        Assert.True((int)JsonNode.Parse(await tokens.Content.ReadAsStringAsync())!["input_tokens"]! > 0);
        Assert.Contains("claude-sonnet-5", await models.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var recorded = model.Requests;
        Assert.Equal(43, recorded.Count);
        Assert.Equal(Enumerable.Range(1, 43), recorded.Select(r => r.Sequence).Order());
        Assert.Equal(40, model.MainRequests.Count);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"hello {i}").Order(StringComparer.Ordinal), model.MainRequests.Select(r => r.LastUserText).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheRealCli_WhenNonessentialTrafficIsAllowed_AsksForASessionTitleOnTheSide_WhichTheScriptNeverSees()
    {
        using var sandbox = await ClaudeCodeSandbox.CreateAsync();
        var scripted = new List<FakeModelRequest>();
        await using var model = await FakeModelServer.StartAsync(request =>
        {
            lock (scripted)
            {
                scripted.Add(request);
            }

            return FakeModelReply.Text("Hello.");
        });
        var environment = ClaudeCodeCli.OfflineEnvironment(model.BaseAddress, sandbox.Home);
        environment.Remove("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC");
        var spec = ProcessSpec.Create(ClaudeCodeCli.RequirePath(), "-p", "--output-format", "json", "--model", "sonnet")
            .WithStandardInput("Say hello.") with
        {
            WorkingDirectory = sandbox.Repository,
            Environment = environment,
            Timeout = TimeSpan.FromSeconds(60),
        };

        var result = await new ProcessRunner().RunAsync(spec, CancellationToken.None);

        Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
        var title = Assert.Single(model.Requests, r => r.IsMessages && !r.IsMainConversation);
        Assert.True(title.OutputSchema?.GetProperty("properties").TryGetProperty("title", out _), title.Body?.GetRawText());
        Assert.Equal(model.MainRequests.Select(r => r.Sequence), scripted.Select(r => r.Sequence));
        Assert.Contains("Say hello.", scripted[0].LastUserText, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await http.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private static string Body(bool stream, string text = "hello") => new JsonObject
    {
        ["model"] = "claude-sonnet-5",
        ["max_tokens"] = 1024,
        ["stream"] = stream,
        ["tools"] = JsonNode.Parse(Tools),
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
    }.ToJsonString();
}
