namespace ClawClip.Scanning;

/// <summary>How a matched value is shown: enough for its author to find it, not enough to use it.</summary>
public static class Redaction
{
    /// <summary>
    /// The first characters (at most 4, and never more than a quarter of the value) then "…" and the length, e.g.
    /// <c>AKIA…(20 chars)</c>. A quarter keeps a short value (a short email) from being mostly shown.
    /// </summary>
    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = Math.Min(4, value.Length / 4);
        return $"{value[..shown]}…({value.Length} chars)";
    }
}
