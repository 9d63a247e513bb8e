using System.Globalization;
using ClawClip.Core.Outages;

namespace ClawClip.Agents;

/// <summary>
/// Reads <c>outages:</c> of <c>clawclip.yaml</c>:
/// <c>outages: {backoff_seconds: 30, backoff_factor: 2, backoff_cap_seconds: 600, pause_after: 3, jitter: 0.1}</c>.
/// Every key is optional (the defaults are these). Each problem names the line and how to write it.
/// </summary>
internal static class OutagesReader
{
    private const string Example = "outages: {backoff_seconds: 30, backoff_factor: 2, backoff_cap_seconds: 600, pause_after: 3}";

    private static readonly string[] Keys = ["backoff_seconds", "backoff_factor", "backoff_cap_seconds", "pause_after", "jitter"];

    public static OutageSettings Read(YamlMapping config)
    {
        var settings = OutageSettings.Default;
        if (config.Optional("outages") is not { } node)
        {
            return settings;
        }

        var outages = config.Nested("outages", node, Keys, "the backoff after a model API outage and when an agent is paused", Example);
        var backoff = Number(outages, "backoff_seconds", 0.01, 86_400, "seconds to wait after the first outage failure");
        var factor = Number(outages, "backoff_factor", 1, 100, "what each further failure multiplies the wait by");
        var cap = Number(outages, "backoff_cap_seconds", 0.01, 86_400, "the longest wait, in seconds");
        var pauseAfter = Number(outages, "pause_after", 1, 1000, "outage failures in a row that pause an agent", whole: true);
        var jitter = Number(outages, "jitter", 0, 1, "the share of each wait added at random");
        settings = settings with
        {
            Backoff = backoff is { } b ? TimeSpan.FromSeconds(b) : settings.Backoff,
            Factor = factor ?? settings.Factor,
            Cap = cap is { } c ? TimeSpan.FromSeconds(c) : settings.Cap,
            PauseAfter = pauseAfter is { } p ? (int)p : settings.PauseAfter,
            Jitter = jitter ?? settings.Jitter,
        };
        return settings.Cap < settings.Backoff
            ? throw outages.Fail(node, $"'{outages.Name("backoff_cap_seconds")}' ({settings.Cap.TotalSeconds.ToString(CultureInfo.InvariantCulture)}) is shorter than '{outages.Name("backoff_seconds")}' ({settings.Backoff.TotalSeconds.ToString(CultureInfo.InvariantCulture)}): the cap is the longest wait")
            : settings;
    }

    private static double? Number(YamlMapping outages, string key, double least, double most, string what, bool whole = false)
    {
        if (outages.Optional(key) is not { } value)
        {
            return null;
        }

        var text = outages.Scalar(key, value, $"{key}: {least.ToString(CultureInfo.InvariantCulture)}");
        var style = whole ? NumberStyles.None : NumberStyles.AllowDecimalPoint;
        return double.TryParse(text, style, CultureInfo.InvariantCulture, out var number) && number >= least && number <= most
            ? number
            : throw outages.Fail(value, $"'{outages.Name(key)}' is {what}: {(whole ? "a whole number" : "a number")} from {least.ToString(CultureInfo.InvariantCulture)} to {most.ToString(CultureInfo.InvariantCulture)}, not '{text}'");
    }
}
