using System.CommandLine;
using System.Globalization;
using ClawClip.Agents;
using ClawClip.Core.Budgets;
using ClawClip.Core.Policies;
using ClawClip.Core.Tasks;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip budget</c>: spend against the limits of <c>clawclip.yaml</c> — in total, per goal, per agent today
/// (the machine's local day), per open task; planner runs count in their goal's, their planner's and the total —
/// with the pauses in force and the warnings sent
/// (<c>state/budget.json</c>). It reads; it decides nothing (the work pass does, before each claim).
/// </summary>
internal static class BudgetCommand
{
    private const string Example = "budgets: {task: {usd: 2.00}, agent_per_day: {usd: 10}, goal: {usd: 20}, total: {usd: 200}, warn_at: 0.8}";

    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("budget", "Show spend against the budgets: total, per goal, per agent today, per open task; and the pauses in force.") { json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var store = repository.OpenStore(TimeProvider.System);
            var limits = Limits(repository);
            var tasks = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            var state = await store.ReadBudgetStateAsync(cancellationToken).ConfigureAwait(false);
            var zone = TimeProvider.System.LocalTimeZone;
            var goals = await store.ReadGoalsAsync(cancellationToken).ConfigureAwait(false);
            var ledger = BudgetLedger.From(tasks, goals, BudgetPeriod.LocalDay(TimeProvider.System.GetUtcNow(), zone), zone);
            var rows = Rows(limits, ledger, state, tasks);
            if (parse.GetValue(json))
            {
                WriteJson(limits, ledger, state, rows);
            }
            else
            {
                WriteText(limits, ledger, state, rows);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static BudgetLimits Limits(Repository repository)
    {
        try
        {
            return RepositoryConfigLoader.Load(Path.Combine(repository.Root, RepositoryConfigLoader.FileName)).Budgets;
        }
        catch (YamlFileException e)
        {
            throw new CliException(ExitCodes.InvalidData, e.Message);
        }
    }

    private static List<Row> Rows(BudgetLimits limits, BudgetLedger ledger, BudgetState state, IReadOnlyList<TaskRecord> tasks)
    {
        var rows = new List<Row> { new(BudgetScope.Total, "total", ledger.Total, limits.Total, state.PauseOf(BudgetScope.Total)) };
        rows.AddRange(ledger.ByGoal.OrderBy(g => g.Key.Value, StringComparer.Ordinal)
            .Select(g => new Row(BudgetScope.ForGoal(g.Key.Value), $"goal {g.Key}", g.Value, limits.Goal, state.PauseOf(BudgetScope.ForGoal(g.Key.Value)))));
        var agents = ledger.ByAgentOnDay.Keys.Union(state.Pauses.Where(p => p.Scope.Kind == BudgetScopeKind.Agent).Select(p => p.Scope.Name)).Order(StringComparer.Ordinal);
        rows.AddRange(agents.Select(a => new Row(BudgetScope.ForAgent(a), $"agent {a} today", ledger.OfAgent(a), limits.AgentPerDay, state.PauseOf(BudgetScope.ForAgent(a)))));
        rows.AddRange(tasks.Where(t => t.Status.Queue() != QueueKind.Completed && ledger.ByTask.ContainsKey(t.Id))
            .Select(t => new Row(BudgetScope.ForTask(t.Id.Value), $"task {t.Id} ({t.Status.Name()})", ledger.OfTask(t.Id), limits.Task, null)));
        return rows;
    }

    private static void WriteText(BudgetLimits limits, BudgetLedger ledger, BudgetState state, List<Row> rows)
    {
        Console.WriteLine(limits.IsAnySet
            ? $"budgets from {RepositoryConfigLoader.FileName}; warnings at {Percent(limits.WarnAt)}; today is {BudgetPeriod.Day(ledger.Day)} (local)"
            : $"{RepositoryConfigLoader.FileName} sets no budgets: nothing is limited. To set some, add e.g. {Example}");
        var table = rows.Select(r => new[]
        {
            r.Label,
            $"{Usd(r.Spent.Usd)} USD",
            $"{r.Spent.Tokens.ToString("#,0", CultureInfo.InvariantCulture)} tokens",
            r.Limit.IsSet ? r.Limit.ToString() : "-",
            r.Limit.IsSet ? Percent(Used(r)) : "-",
            r.Pause is null ? string.Empty : "PAUSED",
        }).ToList();
        table.Insert(0, ["scope", "spent", "tokens", "limit", "used", string.Empty]);
        var widths = Enumerable.Range(0, 6).Select(c => table.Max(r => r[c].Length)).ToArray();
        foreach (var line in table)
        {
            Console.WriteLine(string.Join("  ", line.Select((cell, c) => c is 1 or 2 or 4 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }

        Console.WriteLine(state.Pauses.Count == 0 ? "no pauses" : "paused:");
        foreach (var pause in state.Pauses)
        {
            var until = pause.Until is { } u ? $", until {u.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}" : ", until the limit is raised";
            Console.WriteLine($"  {pause.Scope} ({pause.Policy}) since {pause.Since.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}{until}: {pause.Reason}");
        }

        if (state.Warnings.Count > 0)
        {
            Console.WriteLine("warnings sent:");
            foreach (var warning in state.Warnings)
            {
                Console.WriteLine($"  {warning.Scope} for {warning.Period}, at {warning.At.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static void WriteJson(BudgetLimits limits, BudgetLedger ledger, BudgetState state, List<Row> rows)
    {
        Console.WriteLine(JsonOutput.Serialize(new
        {
            schema = 1,
            budgets_set = limits.IsAnySet,
            day = BudgetPeriod.Day(ledger.Day),
            warn_at = limits.WarnAt,
            scopes = rows.Select(r => new
            {
                scope = r.Scope.KindName,
                name = r.Scope.Name,
                spent_usd = r.Spent.Usd,
                spent_tokens = r.Spent.Tokens,
                limit_usd = r.Limit.Usd,
                limit_tokens = r.Limit.Tokens,
                used = r.Limit.IsSet ? Used(r) : (decimal?)null,
                paused = r.Pause is not null,
            }),
            pauses = state.Pauses.Select(p => new { scope = p.Scope.KindName, name = p.Scope.Name, period = p.Period, policy = p.Policy, reason = p.Reason, since = p.Since, until = p.Until }),
            warnings = state.Warnings.Select(w => new { scope = w.Scope.KindName, name = w.Scope.Name, period = w.Period, at = w.At }),
        }));
    }

    private static decimal Used(Row row)
    {
        var usd = row.Limit.Usd is { } u ? row.Spent.Usd / u : 0m;
        var tokens = row.Limit.Tokens is { } t ? (decimal)row.Spent.Tokens / t : 0m;
        return Math.Round(Math.Max(usd, tokens), 4);
    }

    private static string Usd(decimal amount) => amount.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Percent(decimal share) => share.ToString("0%", CultureInfo.InvariantCulture);

    private sealed record Row(BudgetScope Scope, string Label, BudgetSpend Spent, BudgetLimit Limit, BudgetPause? Pause);
}
