namespace ClawClip.Core.Goals;

/// <summary>A roadmap goal's id (<c>G-3f9a2c1b</c>), stable while the item's own text stays the same.</summary>
public readonly record struct GoalId
{
    private GoalId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out GoalId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > 80 || !text.StartsWith("G-", StringComparison.Ordinal) || text.Length < 3)
        {
            return false;
        }

        foreach (var c in text.AsSpan(2))
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        id = new GoalId(text);
        return true;
    }

    public static GoalId Parse(string text) =>
        TryParse(text, out var id)
            ? id
            : throw new FormatException($"'{text}' is not a goal id: expected G- and lower-case letters, digits or '-'.");

    public override string ToString() => Value;
}
