using System.Globalization;
using ClawClip.Core.Budgets;
using YamlDotNet.RepresentationModel;

namespace ClawClip.Agents;

/// <summary>
/// Reads <c>budgets:</c> of <c>clawclip.yaml</c>:
/// <c>budgets: {task: {usd: 2.00, tokens: 400000}, agent_per_day: {usd: 10}, goal: {usd: 20}, total: {usd: 200}, warn_at: 0.8}</c>.
/// Every key is optional; a limit sets dollars, tokens or both. Each problem names the line and how to write it.
/// </summary>
internal static class BudgetsReader
{
    private const string Example = "budgets: {task: {usd: 2.00, tokens: 400000}, agent_per_day: {usd: 10}, total: {usd: 200}}";

    private static readonly string[] Keys = ["task", "agent_per_day", "goal", "total", "warn_at"];

    private static readonly string[] LimitKeys = ["usd", "tokens"];

    public static BudgetLimits Read(YamlMapping config)
    {
        if (config.Optional("budgets") is not { } node)
        {
            return BudgetLimits.None;
        }

        var budgets = config.Nested("budgets", node, Keys, "limits (task, agent_per_day, goal, total) and warn_at", Example);
        return new BudgetLimits(
            Limit(budgets, "task", "task: {usd: 2.00, tokens: 400000}"),
            Limit(budgets, "agent_per_day", "agent_per_day: {usd: 10}"),
            Limit(budgets, "goal", "goal: {usd: 20}"),
            Limit(budgets, "total", "total: {usd: 200}"),
            WarnAt(budgets));
    }

    private static BudgetLimit Limit(YamlMapping budgets, string key, string example)
    {
        if (budgets.Optional(key) is not { } node)
        {
            return BudgetLimit.None;
        }

        var limit = budgets.Nested(key, node, LimitKeys, "usd and tokens", example);
        decimal? usd = limit.Optional("usd") is { } u ? Dollars(limit, u) : null;
        long? tokens = limit.Optional("tokens") is { } t ? Tokens(limit, t) : null;
        return usd is null && tokens is null
            ? throw budgets.Fail(budgets.KeyNode(key), $"'{budgets.Name(key)}' sets no limit: give usd, tokens or both, like {example}, or remove it")
            : new BudgetLimit(usd, tokens);
    }

    private static decimal Dollars(YamlMapping limit, YamlNode node)
    {
        var text = limit.Scalar("usd", node, "usd: 2.50");
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd) && usd > 0m
            ? usd
            : throw limit.Fail(node, $"'{limit.Name("usd")}' must be an amount of US dollars above 0, written with digits and a point, like usd: 2.50, not '{text}'");
    }

    private static long Tokens(YamlMapping limit, YamlNode node)
    {
        var text = limit.Scalar("tokens", node, "tokens: 400000");
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens) && tokens > 0
            ? tokens
            : throw limit.Fail(node, $"'{limit.Name("tokens")}' must be a whole number of tokens above 0, written with digits only, like tokens: 400000, not '{text}'");
    }

    private static decimal WarnAt(YamlMapping budgets)
    {
        if (budgets.Optional("warn_at") is not { } node)
        {
            return BudgetLimits.DefaultWarnAt;
        }

        var text = budgets.Scalar("warn_at", node, "warn_at: 0.8");
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share) && share is > 0m and <= 1m
            ? share
            : throw budgets.Fail(node, $"'{budgets.Name("warn_at")}' must be the share of a limit at which to warn, above 0 and at most 1, like warn_at: 0.8 (80%), not '{text}'");
    }
}
