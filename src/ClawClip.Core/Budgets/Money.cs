using System.Globalization;

namespace ClawClip.Core.Budgets;

/// <summary>
/// How claw.clip holds and writes money: US dollars as <see cref="decimal"/>, rounded to <see cref="Places"/>
/// places where a cost enters (a run's reported cost) and wherever it is written for a machine (state files, lineage
/// trailers, <c>--json</c>). A runtime that reports <c>0.30000000000000004</c> is recorded as <c>0.3</c>, so every
/// sum of recorded costs is exact and the same wherever it is added up.
/// </summary>
public static class Money
{
    /// <summary>Places after the point: a millionth of a dollar, far below what a model call costs.</summary>
    public const int Places = 6;

    /// <summary><paramref name="usd"/> rounded to <see cref="Places"/> places (halves away from zero).</summary>
    public static decimal Round(decimal usd) => Math.Round(usd, Places, MidpointRounding.AwayFromZero);

    /// <summary>For a machine (a lineage trailer): always <see cref="Places"/> places, e.g. <c>0.190000</c>.</summary>
    public static string Exact(decimal usd) => Round(usd).ToString("0.000000", CultureInfo.InvariantCulture);
}
