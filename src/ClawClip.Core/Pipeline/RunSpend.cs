using ClawClip.Core.Agents;

namespace ClawClip.Core.Pipeline;

/// <summary>The cost and turns of the runs behind one transition.</summary>
internal sealed class RunSpend
{
    public decimal CostUsd { get; private set; }

    public int Turns { get; private set; }

    public void Add(AgentRunResult result)
    {
        CostUsd += result.CostUsd;
        Turns += result.Turns;
    }
}
