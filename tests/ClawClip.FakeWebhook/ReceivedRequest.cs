using System.Text.Json;

namespace ClawClip.FakeWebhook;

/// <summary>A request as <see cref="WebhookListener"/> read it off the socket.</summary>
public sealed record ReceivedRequest(string Method, string Path, string? ContentType, string Body)
{
    /// <summary>The text of the message's header block: the notification's title, after its emoji.</summary>
    public string Header
    {
        get
        {
            using var json = JsonDocument.Parse(Body);
            return json.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!;
        }
    }
}
