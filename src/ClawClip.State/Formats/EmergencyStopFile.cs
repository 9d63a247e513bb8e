using ClawClip.Core.State;

namespace ClawClip.State;

/// <summary><c>state/emergency-stop.json</c>: why claims are refused, who said so, since when.</summary>
internal static class EmergencyStopFile
{
    public static byte[] Serialize(EmergencyStop stop) =>
        StateJson.Serialize(new StopDto { Schema = StateJson.Schema, Reason = stop.Reason, By = stop.By, At = stop.At });

    public static EmergencyStop Deserialize(ReadOnlySpan<byte> bytes, string displayPath)
    {
        var dto = StateJson.Deserialize<StopDto>(bytes, displayPath);
        return new EmergencyStop(dto.Reason ?? string.Empty, dto.By ?? "unknown", dto.At);
    }

    internal sealed class StopDto
    {
        public int Schema { get; set; }

        public string? Reason { get; set; }

        public string? By { get; set; }

        public DateTimeOffset At { get; set; }
    }
}
