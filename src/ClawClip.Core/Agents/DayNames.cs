namespace ClawClip.Core.Agents;

/// <summary>The spelling of week days in availability windows: <c>mon</c> … <c>sun</c>.</summary>
public static class DayNames
{
    /// <summary>Monday first, as a person writes a week.</summary>
    public static IReadOnlyList<string> All { get; } = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static string Name(this DayOfWeek day) => All[((int)day + 6) % 7];

    public static bool TryParse(string? name, out DayOfWeek day)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.Ordinal))
            {
                day = (DayOfWeek)((i + 1) % 7);
                return true;
            }
        }

        day = default;
        return false;
    }
}
