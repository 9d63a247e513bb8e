using System.Globalization;

namespace ClawClip.Core.Budgets;

/// <summary>
/// The periods limits count over: the machine's local day for an agent's limit (so "today" is the day its person
/// sees on the clock), all time for the others.
/// </summary>
public static class BudgetPeriod
{
    /// <summary>The period of the task, goal and total limits.</summary>
    public const string AllTime = "all-time";

    /// <summary>A local day as a period: <c>2026-11-03</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The local day <paramref name="at"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>When <paramref name="day"/> ends in <paramref name="zone"/>: the next local midnight (or the first instant after it that exists).</summary>
    public static DateTimeOffset DayEnds(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30); // a clock change skipped midnight
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
