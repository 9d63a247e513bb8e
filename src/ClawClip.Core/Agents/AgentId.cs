namespace ClawClip.Core.Agents;

/// <summary>
/// An agent's name (<c>dev-1</c>): lower-case letters, digits, <c>-</c> and <c>_</c>, starting with a letter,
/// at most 64 characters. It names a folder under <c>state/agents/</c> and the lineage author, so it is
/// validated once, here.
/// </summary>
public readonly record struct AgentId
{
    private AgentId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out AgentId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || text[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        id = new AgentId(text);
        return true;
    }

    public static AgentId Parse(string text) =>
        TryParse(text, out var id)
            ? id
            : throw new FormatException(
                $"'{text}' is not an agent name: use lower-case letters, digits, '-' and '_', starting with a letter (like dev-1).");

    public override string ToString() => Value;
}
