namespace ClawClip.Core.Budgets;

/// <summary>
/// One limit from <c>clawclip.yaml</c>'s <c>budgets:</c>: dollars, tokens, or both. Either one reached is the limit
/// reached; a limit with neither set limits nothing.
/// </summary>
/// <param name="Usd">At most this many US dollars; null: no dollar limit.</param>
/// <param name="Tokens">At most this many tokens; null: no token limit.</param>
public sealed record BudgetLimit(decimal? Usd, long? Tokens)
{
    public static BudgetLimit None { get; } = new(null, null);

    public bool IsSet => Usd is not null || Tokens is not null;

    /// <summary>Whether <paramref name="spent"/> has reached the limit (in dollars or in tokens).</summary>
    public bool IsReachedBy(BudgetSpend spent) => IsReachedBy(spent, 1m);

    /// <summary>Whether <paramref name="spent"/> has reached <paramref name="share"/> of the limit (0.8: four fifths).</summary>
    public bool IsReachedBy(BudgetSpend spent, decimal share) =>
        (Usd is { } usd && spent.Usd >= usd * share) || (Tokens is { } tokens && spent.Tokens >= tokens * share);

    /// <summary>For a person: <c>2.00 USD</c>, <c>400,000 tokens</c>, or both joined by "or".</summary>
    public override string ToString() => (Usd, Tokens) switch
    {
        ({ } usd, { } tokens) => $"{BudgetSpend.Dollars(usd)} USD or {BudgetSpend.TokenCount(tokens)} tokens",
        ({ } usd, null) => $"{BudgetSpend.Dollars(usd)} USD",
        (null, { } tokens) => $"{BudgetSpend.TokenCount(tokens)} tokens",
        _ => "no limit",
    };

    /// <summary>The part of <paramref name="spent"/> a person compares with this limit: dollars, tokens, or both.</summary>
    public string Describe(BudgetSpend spent) => (Usd, Tokens) switch
    {
        (not null, null) => $"{BudgetSpend.Dollars(spent.Usd)} USD",
        (null, not null) => $"{BudgetSpend.TokenCount(spent.Tokens)} tokens",
        _ => spent.ToString(),
    };
}
