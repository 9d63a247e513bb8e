using ClawClip.Core.Agents;
using ClawClip.Core.Policies;

namespace ClawClip.Agents;

/// <summary>
/// Reads <c>clawclip.yaml</c> at a repository's root: <c>checks:</c> (the build and test commands, each a list),
/// <c>failure_policy:</c> (continue or halt per handoff), <c>dispatch:</c> (<c>max_parallel</c>, the agents
/// at work at once), <c>budgets:</c> (limits in USD and tokens, see <see cref="BudgetsReader"/>) and
/// <c>notifications:</c> (the webhook's variable, the daily summary's time) and <c>outages:</c> (the backoff after a
/// model API outage, see <see cref="OutagesReader"/>) , <c>protected_paths:</c> (see <see cref="ProtectedPathsReader"/>) and <c>sandbox:</c> (on, the default, or off). A missing file,
/// and every key left out, takes the defaults. The daemon reads it as committed on the target branch
/// (<see cref="Read"/>); <see cref="Load"/> reads a working copy, for <c>init</c> and <c>doctor</c>.
/// Every problem is a <see cref="RepositoryConfigException"/> naming the file, the line and the fix.
/// </summary>
public static class RepositoryConfigLoader
{
    /// <summary>The file's name at the repository root.</summary>
    public const string FileName = "clawclip.yaml";

    /// <summary>The file holds a few short lines; a bigger one is the wrong file.</summary>
    public const int MaxFileBytes = 64 * 1024;

    private const string ChecksExample = "checks: {build: [dotnet, build], test: [dotnet, test]}";
    private const string PolicyExample = "failure_policy: {dev-to-qa: halt}";
    private const string DispatchExample = "dispatch: {max_parallel: 2}";

    private const string TooBig = $"{FileName} may hold; it holds only checks, failure_policy, dispatch, budgets, notifications, outages, protected_paths and sandbox, so check that this is the right file";

    private const string NotificationsExample = "notifications: {webhook_url_env: CLAWCLIP_WEBHOOK_URL, daily_summary_at: \"18:00\"}";

    private static readonly string[] Keys = ["checks", "failure_policy", "dispatch", "budgets", "notifications", "outages", "protected_paths", "sandbox"];

    private static readonly string[] DispatchKeys = ["max_parallel"];

    private static readonly string[] NotificationKeys = ["webhook_url_env", "daily_summary_at"];

    private static readonly string[] CheckKeys = ["build", "test"];

    private static readonly string[] HandoffKeys = Enum.GetValues<Handoff>().Select(h => h.Name()).ToArray();

    /// <summary>Reads the file at <paramref name="path"/>; when there is none, every setting is its default.</summary>
    public static RepositoryConfig Load(string path)
    {
        if (Directory.Exists(path))
        {
            throw new RepositoryConfigException(path, null, $"is a folder; give the path of the file, like {Path.Combine(path, FileName)}");
        }

        if (!File.Exists(path))
        {
            return RepositoryConfig.Default;
        }

        var source = Source(path);
        return Parse(source, YamlDocument.ReadText(source, MaxFileBytes, TooBig));
    }

    /// <summary>
    /// Reads the file from its bytes, as committed on a branch; <paramref name="file"/> names it in every message
    /// (<c>main:clawclip.yaml</c>). Empty content, or only comments, is every setting's default.
    /// </summary>
    public static RepositoryConfig Read(string file, ReadOnlySpan<byte> content)
    {
        var source = Source(file);
        return Parse(source, YamlDocument.Decode(source, content, MaxFileBytes, TooBig));
    }

    private static YamlSource Source(string file) => new(file, (name, line, problem) => new RepositoryConfigException(name, line, problem));

    private static RepositoryConfig Parse(YamlSource source, string text)
    {
        var root = YamlDocument.RootMapping(source, text,
            $"{FileName} holds one mapping, so remove the '---' and what follows",
            "checks: …, failure_policy: …");
        if (root is null)
        {
            return RepositoryConfig.Default;
        }

        var config = new YamlMapping(source, root, "", Keys);
        var (build, test) = Checks(config);
        return new RepositoryConfig(Policy(config), build, test) { MaxParallel = MaxParallel(config), Budgets = BudgetsReader.Read(config), Notifications = Notifications(config), Outages = OutagesReader.Read(config), ProtectedPaths = ProtectedPathsReader.Read(config), Sandbox = Sandbox(config) };
    }

    private static bool Sandbox(YamlMapping config)
    {
        if (config.Optional("sandbox") is not { } node)
        {
            return true;
        }

        var text = config.Scalar("sandbox", node, "sandbox: on");
        return text switch
        {
            "on" => true,
            "off" => false,
            _ => throw config.Fail(node, $"'sandbox' is on (agents, checks and the merge gate run in this machine's sandbox) or off (they run unconfined, and every lineage commit says so), not '{text}'"),
        };
    }

    private static (IReadOnlyList<string>? Build, IReadOnlyList<string>? Test) Checks(YamlMapping config)
    {
        if (config.Optional("checks") is not { } node)
        {
            return (null, null);
        }

        var checks = config.Nested("checks", node, CheckKeys, "build and test commands", ChecksExample);
        return (Command(checks, "build", "build: [dotnet, build]"), Command(checks, "test", "test: [dotnet, test]"));
    }

    private static IReadOnlyList<string>? Command(YamlMapping checks, string key, string example) =>
        checks.Optional(key) is { } node ? checks.CommandLine(key, node, example) : null;

    private static int MaxParallel(YamlMapping config)
    {
        if (config.Optional("dispatch") is not { } node)
        {
            return RepositoryConfig.DefaultMaxParallel;
        }

        var dispatch = config.Nested("dispatch", node, DispatchKeys, "dispatch settings", DispatchExample);
        if (dispatch.Optional("max_parallel") is not { } value)
        {
            return RepositoryConfig.DefaultMaxParallel;
        }

        var text = dispatch.Scalar("max_parallel", value, $"max_parallel: {RepositoryConfig.DefaultMaxParallel}");
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= RepositoryConfig.MostParallel
            ? count
            : throw dispatch.Fail(value, $"'{dispatch.Name("max_parallel")}' must be a whole number from 1 to {RepositoryConfig.MostParallel} (the agents at work at once), not '{text}'");
    }

    private static NotificationSettings Notifications(YamlMapping config)
    {
        var settings = NotificationSettings.Default;
        if (config.Optional("notifications") is not { } node)
        {
            return settings;
        }

        var notifications = config.Nested("notifications", node, NotificationKeys, "the webhook and the daily summary", NotificationsExample);
        if (notifications.Optional("webhook_url_env") is { } variable)
        {
            var name = notifications.Scalar("webhook_url_env", variable, "webhook_url_env: CLAWCLIP_WEBHOOK_URL");
            var key = notifications.Name("webhook_url_env");
            settings = EnvironmentVariableNames.IsValid(name) ? settings with { WebhookUrlVariable = name }
                // A URL here is a working secret in a committed file: say so, and never repeat it.
                : name.Contains(':', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal)
                    ? throw notifications.Fail(variable, $"'{key}' names the environment variable holding the webhook URL (the URL itself is a secret and stays out of this file): put the URL in a variable of the daemon's environment or --env-file, and write its name here, like CLAWCLIP_WEBHOOK_URL")
                    : throw notifications.Fail(variable, $"'{key}' names the environment variable holding the webhook URL, like CLAWCLIP_WEBHOOK_URL: upper-case letters, digits and '_', not '{name}'");
        }

        if (notifications.Optional("daily_summary_at") is { } at)
        {
            var text = notifications.Scalar("daily_summary_at", at, "daily_summary_at: \"18:00\"");
            settings = text == "off"
                ? settings with { DailySummaryAt = null }
                : TimeOnly.TryParseExact(text, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
                    ? settings with { DailySummaryAt = time }
                    : throw notifications.Fail(at, $"'{notifications.Name("daily_summary_at")}' is a local time of day as HH:mm in quotes, like \"18:00\", or off; not '{text}'");
        }

        return settings;
    }

    private static FailurePolicy Policy(YamlMapping config)
    {
        var policy = FailurePolicy.Default;
        if (config.Optional("failure_policy") is not { } node)
        {
            return policy;
        }

        var handoffs = config.Nested("failure_policy", node, HandoffKeys, "handoffs to continue or halt", PolicyExample, keyKind: "handoff");
        foreach (var handoff in Enum.GetValues<Handoff>())
        {
            var key = handoff.Name();
            if (handoffs.Optional(key) is not { } value)
            {
                continue;
            }

            var text = handoffs.Scalar(key, value, $"{key}: {FailurePolicy.Default.For(handoff).Name()}");
            policy = OnFailureNames.TryParse(text, out var onFailure)
                ? policy.With(handoff, onFailure)
                : throw handoffs.Fail(value, $"'{handoffs.Name(key)}' must be continue (warn and go on with the input there is) or halt (stop there), not '{text}'");
            if (handoff == Handoff.Merge && onFailure == OnFailure.Continue)
            {
                throw handoffs.Fail(value, $"'{handoffs.Name(key)}' can only be halt: claw.clip never lands work that failed the merge gate (a conflict or a failing check goes back to the dev)");
            }
        }

        return policy;
    }
}
