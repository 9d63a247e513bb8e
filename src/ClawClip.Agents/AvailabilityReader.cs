using ClawClip.Core.Agents;
using YamlDotNet.RepresentationModel;

namespace ClawClip.Agents;

/// <summary>Reads <c>availability:</c>, a list of windows like <c>{days: [mon, fri], from: "08:00", to: "18:00", timezone: Europe/Berlin}</c>.</summary>
internal static class AvailabilityReader
{
    private static readonly string[] Keys = ["days", "from", "to", "timezone"];

    private const string Example = "availability: [{days: [mon, tue, wed, thu, fri], from: \"08:00\", to: \"18:00\", timezone: Europe/Berlin}]";

    public static IReadOnlyList<AvailabilityWindow> Read(YamlMapping agent, YamlNode value)
    {
        if (value is not YamlSequenceNode windows)
        {
            throw agent.Fail(value, $"'availability' must be a list of windows, like {Example}");
        }

        var read = new List<AvailabilityWindow>();
        for (var i = 0; i < windows.Children.Count; i++)
        {
            var node = windows.Children[i];
            if (node is not YamlMappingNode mapping)
            {
                throw agent.Fail(node, $"each window of 'availability' must be a mapping with days, from, to and timezone, like {Example}");
            }

            read.Add(ReadWindow(new YamlMapping(agent.Source, mapping, $"availability[{i + 1}]", Keys, node)));
        }

        return read;
    }

    private static AvailabilityWindow ReadWindow(YamlMapping window)
    {
        var daysNode = window.Required("days", "days: [mon, tue, wed, thu, fri]");
        var days = new HashSet<DayOfWeek>();
        foreach (var item in window.ScalarList("days", daysNode, "days: [mon, tue, wed, thu, fri]"))
        {
            if (!DayNames.TryParse(item.Value, out var day))
            {
                throw window.Fail(item, $"'{item.Value}' is not a day; use {string.Join(", ", DayNames.All)}");
            }

            if (!days.Add(day))
            {
                throw window.Fail(item, $"'{item.Value}' is listed twice in '{window.Name("days")}'; remove one");
            }
        }

        if (days.Count == 0)
        {
            throw window.Fail(daysNode, $"'{window.Name("days")}' is empty; list at least one day, like days: [mon]");
        }

        var from = Time(window, "from", "from: \"08:00\"", isEnd: false);
        var to = Time(window, "to", "to: \"18:00\"", isEnd: true);
        var zoneNode = window.Required("timezone", "timezone: Europe/Berlin");
        var zoneName = window.Scalar("timezone", zoneNode, "timezone: Europe/Berlin");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone))
        {
            throw window.Fail(zoneNode, $"unknown time zone '{zoneName}' in '{window.Name("timezone")}'; use an IANA name like Europe/Berlin, America/New_York or UTC");
        }

        return new AvailabilityWindow(days, from, to, zone);
    }

    private static TimeOnly Time(YamlMapping window, string key, string example, bool isEnd)
    {
        var node = window.Required(key, example);
        var text = window.Scalar(key, node, example);
        var range = isEnd ? "00:00 to 24:00" : "00:00 to 23:59";
        return AvailabilityWindow.TryParseTime(text, isEnd, out var time)
            ? time
            : throw window.Fail(node, $"'{window.Name(key)}' must be a time of day as HH:mm ({range}), like {example}, not '{text}'");
    }
}
