using System.Globalization;

namespace ClawClip.Core.Tasks;

/// <summary>
/// A task's id: <c>T-</c> followed by at least four digits (<c>T-0007</c>). Ids are file names, so
/// anything else (a path, <c>../x</c>) is rejected here, at the edge, before it reaches a folder.
/// </summary>
public readonly record struct TaskId
{
    private TaskId(string value, long number)
    {
        Value = value;
        Number = number;
    }

    /// <summary>
    /// The highest task number: ids are at most 20 characters (18 digits), so a larger number would make an id
    /// that <see cref="TryParse"/> refuses, naming a file no listing can read.
    /// </summary>
    public const long MaxNumber = 999_999_999_999_999_999;

    public string Value { get; }

    /// <summary>The numeric part: <c>T-0007</c> is 7.</summary>
    public long Number { get; }

    /// <summary>
    /// The folder that holds this task inside its status folder: ids in blocks of 100
    /// (<c>T-0007</c> and <c>T-0099</c> in <c>00</c>, <c>T-1234</c> in <c>12</c>), so no folder — and no
    /// git tree on the lineage branch — grows past a hundred entries.
    /// </summary>
    public string Shard => (Number / 100).ToString("00", CultureInfo.InvariantCulture);

    public static TaskId FromNumber(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxNumber);
        return new TaskId("T-" + number.ToString("0000", CultureInfo.InvariantCulture), number);
    }

    public static bool TryParse(string? text, out TaskId id)
    {
        id = default;
        if (text is null || text.Length < 6 || text.Length > 20 || !text.StartsWith("T-", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = text.AsSpan(2);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        // One spelling per id: T-0007, never T-00007, so two files can never name one task.
        var canonical = FromNumber(number);
        if (canonical.Value != text)
        {
            return false;
        }

        id = canonical;
        return true;
    }

    public static TaskId Parse(string text) =>
        TryParse(text, out var id)
            ? id
            : throw new FormatException($"'{text}' is not a task id: expected T- and at least four digits, like T-0007.");

    public override string ToString() => Value;
}
