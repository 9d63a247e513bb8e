using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace ClawClip.Daemon.Notifications;

/// <summary>
/// One POST of a JSON body to the webhook, its answer mapped to an <see cref="AttemptOutcome"/>. Network trouble is
/// an outcome, not an exception; only the caller's own cancellation escapes as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class WebhookPoster(HttpClient http, Uri url, TimeSpan attemptTimeout, TimeProvider time)
{
    // Slack answers errors with a short word (invalid_payload, no_service); a proxy may send a whole page.
    private const int MaxDetail = 200;

    public async Task<AttemptOutcome> PostAsync(byte[] json, CancellationToken cancellationToken)
    {
        // The timeout runs on the injected clock, so tests decide when a hung server has taken too long.
        using var timeout = new CancellationTokenSource(attemptTimeout, time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var content = new ByteArrayContent(json);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await http.PostAsync(url, content, attempt.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return AttemptOutcome.Delivered(Status(response.StatusCode));
            }

            var answer = await response.Content.ReadAsStringAsync(attempt.Token).ConfigureAwait(false);
            var detail = answer.Trim() is { Length: > 0 } said
                ? $"{Status(response.StatusCode)}: {(said.Length <= MaxDetail ? said : said[..MaxDetail] + "…")}"
                : Status(response.StatusCode);
            return IsTransient(response.StatusCode)
                ? AttemptOutcome.Retry(detail, RetryAfter(response.Headers.RetryAfter))
                : AttemptOutcome.Reject(detail);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our attempt timeout, or HttpClient.Timeout on the real clock if the client's own is shorter.
            return AttemptOutcome.Retry(timeout.IsCancellationRequested
                ? $"no answer within {attemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"
                : "timed out (HttpClient.Timeout)");
        }
        catch (HttpRequestException e)
        {
            return AttemptOutcome.Retry($"could not reach the webhook: {e.Message}");
        }
        catch (IOException e)
        {
            return AttemptOutcome.Retry($"the connection broke: {e.Message}");
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private static string Status(HttpStatusCode status) => $"HTTP {(int)status} {status}";

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };
}
