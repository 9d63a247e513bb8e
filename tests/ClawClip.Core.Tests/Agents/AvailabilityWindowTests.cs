using ClawClip.Core.Agents;

namespace ClawClip.Core.Tests.Agents;

public sealed class AvailabilityWindowTests
{
    // Monday 6 January 2025; Berlin is UTC+1 in winter.
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static AvailabilityWindow Window(string from, string to, params DayOfWeek[] days) =>
        new(days.ToHashSet(), TimeOnly.Parse(from, null), TimeOnly.Parse(to, null), Berlin);

    private static DateTimeOffset Berlin2025(int day, int hour, int minute = 0) => new(2025, 1, day, hour, minute, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(6, 7, 59, false)]
    [InlineData(6, 8, 0, true)]
    [InlineData(6, 17, 59, true)]
    [InlineData(6, 18, 0, false)]
    [InlineData(7, 12, 0, false)]
    public void Contains_ADaytimeWindow_HoldsFromItsStartUntilJustBeforeItsEnd(int day, int hour, int minute, bool expected)
    {
        var window = Window("08:00", "18:00", DayOfWeek.Monday);

        Assert.Equal(expected, window.Contains(Berlin2025(day, hour, minute)));
    }

    [Fact]
    public void Contains_ComparesWallClockTimeInTheWindowsTimeZone()
    {
        var window = Window("08:00", "18:00", DayOfWeek.Monday);

        Assert.True(window.Contains(new DateTimeOffset(2025, 1, 6, 7, 30, 0, TimeSpan.Zero)));
        Assert.False(window.Contains(new DateTimeOffset(2025, 1, 6, 17, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(10, 21, 59, false)]
    [InlineData(10, 22, 0, true)]
    [InlineData(11, 0, 30, true)]
    [InlineData(11, 5, 59, true)]
    [InlineData(11, 6, 0, false)]
    [InlineData(11, 22, 30, false)]
    [InlineData(10, 3, 0, false)]
    public void Contains_AWindowCrossingMidnight_BelongsToTheDayItOpens(int day, int hour, int minute, bool expected)
    {
        var fridayNight = Window("22:00", "06:00", DayOfWeek.Friday);

        Assert.Equal(expected, fridayNight.Contains(Berlin2025(day, hour, minute)));
    }

    [Fact]
    public void Contains_AWindowWhoseStartEqualsItsEnd_LastsTwentyFourHours()
    {
        var window = Window("00:00", "00:00", DayOfWeek.Monday);

        Assert.True(window.Contains(Berlin2025(6, 0, 0)));
        Assert.True(window.Contains(Berlin2025(6, 23, 59)));
        Assert.False(window.Contains(Berlin2025(7, 0, 0)));
    }

    [Theory]
    [InlineData("08:00", false, 8, 0)]
    [InlineData("23:59", false, 23, 59)]
    [InlineData("24:00", true, 0, 0)]
    public void TryParseTime_ReadsTwentyFourHourTimes(string text, bool isEnd, int hour, int minute)
    {
        Assert.True(AvailabilityWindow.TryParseTime(text, isEnd, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("8:00", false)]
    [InlineData("08:00:00", false)]
    [InlineData("25:00", false)]
    [InlineData("24:00", false)]
    [InlineData("08:60", false)]
    [InlineData("8am", true)]
    [InlineData("", true)]
    public void TryParseTime_RefusesAnythingButHoursColonMinutes(string text, bool isEnd)
    {
        Assert.False(AvailabilityWindow.TryParseTime(text, isEnd, out _));
    }
}
