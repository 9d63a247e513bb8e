using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// The cost, tokens and turns of the runs behind one task event. Each run's cost is rounded as <see cref="Money"/>
/// says when it is added, so what the event records is exactly the sum of what its runs are credited with.
/// </summary>
internal sealed class RunSpend
{
    public decimal CostUsd { get; private set; }

    public int Turns { get; private set; }

    /// <summary>The runs' tokens, counted as <see cref="AgentRunResult.Tokens"/> says.</summary>
    public long Tokens { get; private set; }

    /// <summary>The same, as the budgets count it.</summary>
    public BudgetSpend Spend => new(CostUsd, Tokens);

    /// <summary>Whether no run spent anything (or none ran).</summary>
    public bool IsNothing => CostUsd == 0m && Turns == 0 && Tokens == 0;

    /// <summary>The spend of one run.</summary>
    public static RunSpend Of(AgentRunResult result)
    {
        var spend = new RunSpend();
        spend.Add(result);
        return spend;
    }

    public void Add(AgentRunResult result)
    {
        CostUsd += Money.Round(result.CostUsd);
        Turns += result.Turns;
        Tokens += result.Tokens;
    }
}
