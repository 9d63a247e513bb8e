using System.Text.Json;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Daemon.Notifications;

namespace ClawClip.Daemon.Tests.Notifications;

public sealed class SlackMessageTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public void ToUtf8Json_AnEscalation_IsASlackMessageWithFallbackTextHeaderSectionFieldsAndContext()
    {
        var escalation = Notification.Escalation(TaskId.Parse("T-0007"), "QA gave no *usable* verdict twice.", At, AgentId.Parse("dev-1"));

        using var json = JsonDocument.Parse(SlackMessage.ToUtf8Json(escalation));

        var root = json.RootElement;
        Assert.Equal("Escalation: T-0007 needs a human\nQA gave no *usable* verdict twice.", root.GetProperty("text").GetString());
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal(":rotating_light: T-0007 needs a human", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("mrkdwn", blocks[1].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("QA gave no *usable* verdict twice.", blocks[1].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal(
            ["*Task*\nT-0007", "*Agent*\ndev-1"],
            blocks[2].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()));
        Assert.Equal("Escalation · 2025-03-01 08:30 UTC · claw.clip", blocks[3].GetProperty("elements")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Build_WithoutText_LeavesOutTheTextSection()
    {
        var message = SlackMessage.Build(new Notification(NotificationKind.Info, "Started", "", At));

        Assert.Equal("Info: Started", (string?)message["text"]);
        Assert.Equal(["header", "context"], message["blocks"]!.AsArray().Select(b => (string?)b!["type"]));
    }

    [Fact]
    public void Build_ALongTextAndTitle_CutsThemToSlacksLimits()
    {
        var long10k = string.Concat(Enumerable.Repeat("0123456789", 1_000));
        var message = SlackMessage.Build(new Notification(NotificationKind.Info, long10k, long10k, At)
        {
            Fields = [new("log", long10k)],
        });

        var blocks = message["blocks"]!.AsArray();
        var header = (string)blocks[0]!["text"]!["text"]!;
        var section = (string)blocks[1]!["text"]!["text"]!;
        var field = (string)blocks[2]!["fields"]![0]!["text"]!;
        Assert.Equal(SlackMessage.HeaderLimit, header.Length);
        Assert.Equal(SlackMessage.SectionTextLimit, section.Length);
        Assert.Equal(SlackMessage.FieldTextLimit, field.Length);
        Assert.Equal(SlackMessage.SectionTextLimit, ((string)message["text"]!).Length);
        Assert.All(new[] { header, section, field }, t => Assert.EndsWith("…", t, StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ManyFields_PutsAtMostTenInASection()
    {
        var fields = Enumerable.Range(1, 23).Select(i => new KeyValuePair<string, string>($"f{i}", $"{i}")).ToList();

        var message = SlackMessage.Build(new Notification(NotificationKind.Info, "Lots", "", At) { TaskId = TaskId.Parse("T-0001"), Fields = fields });

        var sections = message["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "section").ToList();
        Assert.Equal([10, 10, 4], sections.Select(s => s!["fields"]!.AsArray().Count));
        Assert.Equal("*Task*\nT-0001", (string?)sections[0]!["fields"]![0]!["text"]);
        Assert.Equal("*f23*\n23", (string?)sections[2]!["fields"]![3]!["text"]);
    }

    [Fact]
    public void Build_TextWithAngleBracketsAndAmpersands_CannotPingAChannelOrHideALink()
    {
        var message = SlackMessage.Build(new Notification(NotificationKind.Info, "x", "<!channel> see <http://evil|docs> & more", At)
        {
            Fields = [new("a<b", "c&d")],
        });

        var blocks = message["blocks"]!.AsArray();
        Assert.Equal("&lt;!channel&gt; see &lt;http://evil|docs&gt; &amp; more", (string?)blocks[1]!["text"]!["text"]);
        Assert.Equal("*a&lt;b*\nc&amp;d", (string?)blocks[2]!["fields"]![0]!["text"]);
        Assert.DoesNotContain("<!channel>", (string?)message["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void Cut_AtAnEscape_CutsBeforeIt()
    {
        var text = SlackMessage.Escape("abcdef&g");

        Assert.Equal("abcdef…", SlackMessage.Cut(text, 10));
        Assert.Equal("abcdef&amp;…", SlackMessage.Cut(text + "hijk", 12));
    }

    [Fact]
    public void Cut_AtASurrogatePair_KeepsThePairWhole()
    {
        var text = "abc😀def";

        Assert.Equal("abc…", SlackMessage.Cut(text, 5));
        Assert.Equal("abc😀…", SlackMessage.Cut(text, 6));
    }

    [Fact]
    public void Cut_ShortText_IsUntouched()
    {
        Assert.Equal("short", SlackMessage.Cut("short", 5));
    }
}
