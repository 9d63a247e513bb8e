using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClawClip.State;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// The files through which <c>clawclip doctor</c> asks a running daemon to run the checks: a request
/// <c>doctor-&lt;id&gt;.json</c>, then the daemon's reply <c>doctor-&lt;id&gt;.reply.json</c>, both in
/// <c>.clawclip/requests/</c>. Each is written whole (temporary file, fsync, rename), so a reader never sees part of
/// one. Files, not a socket: a Unix socket's path is limited to 104 bytes on macOS, and a repository's path is not.
/// </summary>
public sealed partial class DoctorExchange(string folder)
{
    /// <summary>Requests and replies older than this are left over from a run that gave up or crashed.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    public string Folder { get; } = folder;

    public static DoctorExchange For(DaemonPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new DoctorExchange(paths.RequestFolder);
    }

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Whether <paramref name="fileName"/> is a request (not a reply, not a temporary), and its id.</summary>
    public static bool TryParseRequestName(string? fileName, out string id)
    {
        var match = RequestName().Match(fileName ?? string.Empty);
        id = match.Success ? match.Groups[1].Value : string.Empty;
        return match.Success;
    }

    public string RequestPath(string id) => Path.Combine(Folder, $"doctor-{RequireId(id)}.json");

    public string ReplyPath(string id) => Path.Combine(Folder, $"doctor-{RequireId(id)}.reply.json");

    public void WriteRequest(DoctorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Write(RequestPath(request.Id), JsonSerializer.SerializeToUtf8Bytes(request, DoctorJson.Options));
    }

    public void WriteReply(DoctorReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        Write(ReplyPath(reply.Id), JsonSerializer.SerializeToUtf8Bytes(reply, DoctorJson.Options));
    }

    /// <summary>The request with <paramref name="id"/>.</summary>
    /// <exception cref="DoctorExchangeException">It is not a request of this format, or names another id.</exception>
    public DoctorRequest ReadRequest(string id)
    {
        var path = RequestPath(id);
        var request = Read<DoctorRequest>(path);
        Require(path, request.Schema, request.Id, id);
        return request;
    }

    /// <summary>The reply to <paramref name="id"/>, or null while there is none.</summary>
    /// <exception cref="DoctorExchangeException">It is not a reply of this format, names another id, or holds neither a report nor an error.</exception>
    public DoctorReply? TryReadReply(string id)
    {
        var path = ReplyPath(id);
        if (!File.Exists(path))
        {
            return null;
        }

        var reply = Read<DoctorReply>(path);
        Require(path, reply.Schema, reply.Id, id);
        if ((reply.Report is null) == (reply.Error is null))
        {
            throw new DoctorExchangeException(path, "a reply holds either a report or an error");
        }

        if (reply.Report is { Schema: not DoctorReport.CurrentSchema } report)
        {
            throw new DoctorExchangeException(path, $"its report has schema {report.Schema}; this claw.clip reads {DoctorReport.CurrentSchema}");
        }

        return reply;
    }

    /// <summary>Removes the request and the reply with <paramref name="id"/>, whichever exist.</summary>
    public void Remove(string id)
    {
        File.Delete(RequestPath(id));
        File.Delete(ReplyPath(id));
    }

    /// <summary>Removes requests, replies and temporaries last written before <paramref name="now"/> minus <see cref="StaleAfter"/>; returns how many.</summary>
    public int RemoveStale(DateTimeOffset now)
    {
        if (!Directory.Exists(Folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            var name = Path.GetFileName(file);
            if ((name.StartsWith("doctor-", StringComparison.Ordinal) || name.StartsWith(".doctor-", StringComparison.Ordinal))
                && File.GetLastWriteTimeUtc(file) < (now - StaleAfter).UtcDateTime)
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }

    private static string RequireId(string id) =>
        IdPattern().IsMatch(id) ? id : throw new ArgumentException($"'{id}' is not a doctor request id (1–32 lowercase hex digits)", nameof(id));

    private static T Read<T>(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new DoctorExchangeException(path, "no such file (it was removed while being read)");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, DoctorJson.Options) ?? throw new DoctorExchangeException(path, "holds null, not an object");
        }
        catch (JsonException e)
        {
            throw new DoctorExchangeException(path, $"not a doctor {(typeof(T) == typeof(DoctorRequest) ? "request" : "reply")}: {e.Message}");
        }
    }

    private static void Require(string path, int schema, string found, string expected)
    {
        if (schema != 1)
        {
            throw new DoctorExchangeException(path, $"schema {schema}; this claw.clip reads 1");
        }

        if (!string.Equals(found, expected, StringComparison.Ordinal))
        {
            throw new DoctorExchangeException(path, $"id '{found}' does not match its file name's '{expected}'");
        }
    }

    private static void Write(string path, byte[] content) => AtomicFiles.Write(path, content);

    [GeneratedRegex("^doctor-([0-9a-f]{1,32})\\.json$")]
    private static partial Regex RequestName();

    [GeneratedRegex("^[0-9a-f]{1,32}$")]
    private static partial Regex IdPattern();
}
