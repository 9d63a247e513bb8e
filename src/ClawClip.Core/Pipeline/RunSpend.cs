using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;

namespace ClawClip.Core.Pipeline;

/// <summary>The cost, tokens and turns of the runs behind one transition.</summary>
internal sealed class RunSpend
{
    public decimal CostUsd { get; private set; }

    public int Turns { get; private set; }

    /// <summary>The runs' tokens, counted as <see cref="AgentRunResult.Tokens"/> says.</summary>
    public long Tokens { get; private set; }

    /// <summary>The same, as the budgets count it.</summary>
    public BudgetSpend Spend => new(CostUsd, Tokens);

    public void Add(AgentRunResult result)
    {
        CostUsd += result.CostUsd;
        Turns += result.Turns;
        Tokens += result.Tokens;
    }
}
