using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace ClawClip.FakeWebhook;

/// <summary>
/// A webhook on 127.0.0.1 and a free port, speaking just enough HTTP/1.1 (one request per connection, a
/// Content-Length body): it records every request before it answers, and answers as scripted — an error, a 429 with
/// Retry-After, a reset connection, or no answer at all — then <see cref="Otherwise"/>.
/// </summary>
public sealed class WebhookListener : IAsyncDisposable
{
    /// <summary>How long a test waits for a request before it fails: generous, since it is never spent when all is well.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TcpListener tcp = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<Reply> script = new();
    private readonly Channel<ReceivedRequest> received = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly CancellationTokenSource closing = new();
    private readonly ConcurrentBag<Task> handlers = [];
    private readonly Task accepting;
    private int count;

    public WebhookListener()
    {
        tcp.Start();
        var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/services/T000/B000/secret-token");
        accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>The answer once the script has run out.</summary>
    public Reply Otherwise { get; set; } = Reply.Ok;

    /// <summary>Requests read so far.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>Answers the next requests with <paramref name="replies"/>, in order.</summary>
    public void Script(params Reply[] replies)
    {
        foreach (var reply in replies)
        {
            script.Enqueue(reply);
        }
    }

    /// <summary>The next request, in the order they came; fails the test after <see cref="Deadline"/>.</summary>
    public async Task<ReceivedRequest> NextAsync() =>
        await received.Reader.ReadAsync(closing.Token).AsTask().WaitAsync(Deadline).ConfigureAwait(false);

    /// <summary>Requests received and not yet taken by <see cref="NextAsync"/>.</summary>
    public int Waiting => received.Reader.Count;

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync().ConfigureAwait(false);
        tcp.Stop();
        await accepting.ConfigureAwait(false);
        await Task.WhenAll(handlers).ConfigureAwait(false);
        closing.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await tcp.AcceptTcpClientAsync(closing.Token).ConfigureAwait(false);
                handlers.Add(HandleAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Closing: depending on the race with Stop, the pending accept is cancelled, aborted, or finds the listener stopped.
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, closing.Token).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                var reply = script.TryDequeue(out var next) ? next : Otherwise;
                Interlocked.Increment(ref count);
                received.Writer.TryWrite(request);
                if (reply.Hangs)
                {
                    var closed = new TaskCompletionSource();
                    using (closing.Token.Register(closed.SetResult))
                    {
                        await closed.Task.ConfigureAwait(false);
                    }

                    return;
                }

                if (reply.Drops)
                {
                    // Linger 0: closing sends a reset, as a crashed server or a proxy cutting the line would.
                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
                }

                await stream.WriteAsync(Response(reply), closing.Token).ConfigureAwait(false);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (its attempt timed out) or the listener is closing.
            }
        }
    }

    private static async Task<ReceivedRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int headEnd;
        while ((headEnd = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var lines = Encoding.ASCII.GetString(buffer.GetBuffer(), 0, headEnd).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (headers.ContainsKey("Transfer-Encoding"))
        {
            throw new NotSupportedException("This listener reads Content-Length bodies only; the notifier should send one.");
        }

        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        var bodyStart = headEnd + 4;
        while (buffer.Length < bodyStart + length)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var body = Encoding.UTF8.GetString(buffer.GetBuffer(), bodyStart, length);
        return new ReceivedRequest(requestLine[0], requestLine[1], headers.GetValueOrDefault("Content-Type"), body);
    }

    private static byte[] Response(Reply reply)
    {
        var body = Encoding.UTF8.GetBytes(reply.Body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {reply.Status} {(HttpStatusCode)reply.Status}\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n");
        if (reply.RetryAfter is { } retryAfter)
        {
            head.Append(CultureInfo.InvariantCulture, $"Retry-After: {retryAfter}\r\n");
        }

        return [.. Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), .. body];
    }
}
