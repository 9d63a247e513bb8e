using System.Globalization;

namespace ClawClip.Core.Agents;

/// <summary>
/// When an agent may be given work: from <see cref="From"/> to <see cref="To"/> (wall-clock times in
/// <see cref="TimeZone"/>, the end excluded) on each of <see cref="Days"/>. A window whose end is not after
/// its start runs past midnight into the next day and belongs to the day it opens (<c>fri 22:00–06:00</c>
/// includes Saturday 05:00); a start equal to the end means 24 hours.
/// </summary>
public sealed record AvailabilityWindow(IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To, TimeZoneInfo TimeZone)
{
    public bool Contains(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (From < To)
        {
            return Days.Contains(local.DayOfWeek) && time >= From && time < To;
        }

        var dayBefore = (DayOfWeek)(((int)local.DayOfWeek + 6) % 7);
        return (Days.Contains(local.DayOfWeek) && time >= From) || (Days.Contains(dayBefore) && time < To);
    }

    /// <summary>
    /// Reads <c>HH:mm</c> (two digits each, 24-hour clock). An end may also be <c>24:00</c>, which is
    /// midnight at the end of the day: the same as <c>00:00</c> under the rule above.
    /// </summary>
    public static bool TryParseTime(string? text, bool isEnd, out TimeOnly time)
    {
        if (isEnd && text == "24:00")
        {
            time = TimeOnly.MinValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}
