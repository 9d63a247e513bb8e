using ClawClip.Daemon.Doctor;
using ClawClip.Daemon.Tests.Support;

namespace ClawClip.Daemon.Tests.Doctor;

public sealed class DoctorExchangeTests : IDisposable
{
    private readonly TemporaryFolder temporary = new();
    private readonly DoctorExchange exchange;

    public DoctorExchangeTests() => exchange = new DoctorExchange(Path.Combine(temporary.Root, "requests"));

    public void Dispose() => temporary.Dispose();

    [Fact]
    public void RequestAndReply_RoundTrip_WithEveryField()
    {
        var id = DoctorExchange.NewId();
        var at = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
        var report = new DoctorReport(1, CheckedBy.Daemon, 4242, at, [
            CheckResult.Ok("git", "git version 2.39.5"),
            CheckResult.Fail("auth", "dev-1 gets no credentials", "add it to agents/dev-1.yaml: env: [ANTHROPIC_API_KEY]", "dev-1"),
            CheckResult.Warn("disk", "900 MiB free", "free some space"),
        ]);

        exchange.WriteRequest(new DoctorRequest(1, id, 17, at));
        exchange.WriteReply(new DoctorReply(1, id, 4242, report, null));
        var request = exchange.ReadRequest(id);
        var reply = exchange.TryReadReply(id);

        Assert.Equal(new DoctorRequest(1, id, 17, at), request);
        Assert.NotNull(reply);
        Assert.Equal(4242, reply.Pid);
        Assert.Null(reply.Error);
        Assert.Equal(report.Results, reply.Report!.Results);
        Assert.Equal((CheckedBy.Daemon, 4242, at), (reply.Report.CheckedBy, reply.Report.Pid, reply.Report.CheckedAt));
        Assert.Contains("\"status\": \"fail\"", File.ReadAllText(exchange.ReplyPath(id)), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(exchange.Folder, ".*")); // no temporary left
    }

    [Fact]
    public void NoReplyYet_IsNull()
    {
        Assert.Null(exchange.TryReadReply(DoctorExchange.NewId()));
    }

    [Theory]
    [InlineData("{ \"schema\": 1, \"id\": ", "not a doctor reply")]
    [InlineData("[]", "not a doctor reply")]
    [InlineData("{ \"schema\": 1, \"id\": \"ID\", \"pid\": 1, \"report\": { \"schema\": 1, \"checked_by\": \"daemon\", \"pid\": 1, \"checked_at\": \"2026-11-22T08:00:00Z\", \"results\": [ { \"check\": \"git\", \"agent\": null, \"status\": \"maybe\", \"finding\": \"x\", \"fix\": null } ] }, \"error\": null }", "not a doctor reply")]
    [InlineData("{ \"schema\": 1, \"id\": \"ID\", \"pid\": 1, \"report\": { \"schema\": 1, \"checked_by\": \"daemon\", \"pid\": 1, \"checked_at\": \"2026-11-22T08:00:00Z\", \"results\": [ { \"check\": \"git\", \"agent\": null, \"status\": \"ok\", \"fix\": null } ] }, \"error\": null }", "not a doctor reply")]
    [InlineData("{ \"schema\": 1, \"id\": \"ID\", \"pid\": 1, \"report\": null, \"error\": null }", "either a report or an error")]
    [InlineData("{ \"schema\": 2, \"id\": \"ID\", \"pid\": 1, \"report\": null, \"error\": \"x\" }", "schema 2; this claw.clip reads 1")]
    [InlineData("{ \"schema\": 1, \"id\": \"0123\", \"pid\": 1, \"report\": null, \"error\": \"x\" }", "does not match its file name")]
    public void MalformedReply_IsAClearError_NamingTheFile(string content, string problem)
    {
        var id = DoctorExchange.NewId();
        Directory.CreateDirectory(exchange.Folder);
        File.WriteAllText(exchange.ReplyPath(id), content.Replace("\"ID\"", $"\"{id}\"", StringComparison.Ordinal));

        var error = Assert.Throws<DoctorExchangeException>(() => exchange.TryReadReply(id));

        Assert.Equal(exchange.ReplyPath(id), error.File);
        Assert.StartsWith(exchange.ReplyPath(id) + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not a doctor request")]
    [InlineData("{ \"schema\": 1, \"id\": \"ID\", \"pid\": 1 }", "not a doctor request")]
    [InlineData("{ \"schema\": 1, \"id\": \"abc\", \"pid\": 1, \"requested_at\": \"2026-11-22T08:00:00Z\" }", "does not match its file name")]
    public void MalformedRequest_IsAClearError_NamingTheFile(string content, string problem)
    {
        var id = DoctorExchange.NewId();
        Directory.CreateDirectory(exchange.Folder);
        File.WriteAllText(exchange.RequestPath(id), content.Replace("\"ID\"", $"\"{id}\"", StringComparison.Ordinal));

        var error = Assert.Throws<DoctorExchangeException>(() => exchange.ReadRequest(id));

        Assert.StartsWith(exchange.RequestPath(id) + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doctor-0a1b.json", true)]
    [InlineData("doctor-0a1b.reply.json", false)]
    [InlineData(".doctor-0a1b.json.3f2e.tmp", false)]
    [InlineData("doctor-../x.json", false)]
    [InlineData("kick", false)]
    public void OnlyRequestFiles_AreTakenForRequests(string name, bool isRequest) =>
        Assert.Equal(isRequest, DoctorExchange.TryParseRequestName(name, out _));

    [Fact]
    public void AnIdThatIsNotHex_IsRefused_BeforeAnyPathIsBuilt()
    {
        Assert.Throws<ArgumentException>(() => exchange.RequestPath("../../state"));
    }

    [Fact]
    public void RemoveStale_RemovesOldRequestsRepliesAndTemporaries_AndKeepsFreshOnesAndOtherFiles()
    {
        var now = DateTimeOffset.UtcNow;
        Directory.CreateDirectory(exchange.Folder);
        string[] old = ["doctor-01.json", "doctor-01.reply.json", ".doctor-02.json.ab.tmp"];
        string[] kept = ["doctor-03.json", "other.txt"];
        foreach (var name in old.Concat(kept))
        {
            File.WriteAllText(Path.Combine(exchange.Folder, name), "{}");
        }

        foreach (var name in old.Append("other.txt"))
        {
            File.SetLastWriteTimeUtc(Path.Combine(exchange.Folder, name), (now - DoctorExchange.StaleAfter - TimeSpan.FromMinutes(1)).UtcDateTime);
        }

        var removed = exchange.RemoveStale(now);

        Assert.Equal(3, removed);
        Assert.Equal(kept.Order(StringComparer.Ordinal), Directory.GetFiles(exchange.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
