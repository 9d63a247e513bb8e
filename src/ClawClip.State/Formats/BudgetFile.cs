using ClawClip.Core.Budgets;

namespace ClawClip.State;

/// <summary>
/// <c>state/budget.json</c>, schema 1: the budget pauses in force and the warnings already sent. Each pause and
/// warning names its scope (<c>task</c>, <c>agent</c>, <c>goal</c> or <c>total</c>, and a name) and its period (a
/// local day like <c>2026-11-03</c>, or <c>all-time</c>).
/// </summary>
internal static class BudgetFile
{
    public static byte[] Serialize(BudgetState state) => StateJson.Serialize(new BudgetDto
    {
        Schema = StateJson.Schema,
        Pauses = [.. state.Pauses.Select(p => new PauseDto
        {
            Scope = p.Scope.KindName,
            Name = p.Scope.Name,
            Period = p.Period,
            Policy = p.Policy,
            Reason = p.Reason,
            Since = p.Since,
            Until = p.Until,
        })],
        Warnings = [.. state.Warnings.Select(w => new WarningDto { Scope = w.Scope.KindName, Name = w.Scope.Name, Period = w.Period, At = w.At })],
    });

    /// <summary>Reads the file; every problem is an <see cref="InvalidStateFileException"/> naming it and the entry at fault.</summary>
    public static BudgetState Deserialize(ReadOnlySpan<byte> bytes, string displayPath)
    {
        var dto = StateJson.Deserialize<BudgetDto>(bytes, displayPath);
        var pauses = Required(dto.Pauses, "pauses", displayPath).Select((p, i) => new BudgetPause(
            Scope(p.Scope, p.Name, $"pauses[{i}]", displayPath),
            Text(p.Period, $"pauses[{i}].period", displayPath),
            Text(p.Policy, $"pauses[{i}].policy", displayPath),
            p.Reason ?? string.Empty,
            p.Since,
            p.Until)).ToList();
        var duplicate = pauses.GroupBy(p => p.Scope).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidStateFileException(displayPath, $"\"pauses\" holds {duplicate.Key} {duplicate.Count()} times: a scope is paused once");
        }

        var warnings = Required(dto.Warnings, "warnings", displayPath).Select((w, i) => new BudgetWarningSent(
            Scope(w.Scope, w.Name, $"warnings[{i}]", displayPath),
            Text(w.Period, $"warnings[{i}].period", displayPath),
            w.At)).ToList();
        return new BudgetState(pauses, warnings);
    }

    private static BudgetScope Scope(string? kind, string? name, string where, string displayPath)
    {
        if (!BudgetScope.TryParseKind(kind, out var parsed))
        {
            throw new InvalidStateFileException(displayPath, $"{where}.scope is {(kind is null ? "missing" : $"'{kind}'")}: it must be task, agent, goal or total");
        }

        return new BudgetScope(parsed, Text(name, where + ".name", displayPath));
    }

    private static string Text(string? value, string field, string displayPath) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidStateFileException(displayPath, $"{field} is missing or empty") : value;

    private static T Required<T>(T? value, string field, string displayPath)
        where T : class =>
        value ?? throw new InvalidStateFileException(displayPath, $"\"{field}\" is missing: write \"{field}\": [] when there are none");

    internal sealed class BudgetDto
    {
        public int Schema { get; set; }

        public List<PauseDto>? Pauses { get; set; }

        public List<WarningDto>? Warnings { get; set; }
    }

    internal sealed class PauseDto
    {
        public string? Scope { get; set; }

        public string? Name { get; set; }

        public string? Period { get; set; }

        public string? Policy { get; set; }

        public string? Reason { get; set; }

        public DateTimeOffset Since { get; set; }

        public DateTimeOffset? Until { get; set; }
    }

    internal sealed class WarningDto
    {
        public string? Scope { get; set; }

        public string? Name { get; set; }

        public string? Period { get; set; }

        public DateTimeOffset At { get; set; }
    }
}
