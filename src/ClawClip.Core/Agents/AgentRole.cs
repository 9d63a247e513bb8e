namespace ClawClip.Core.Agents;

/// <summary>What an agent does in the flow; spelled <c>pm</c>, <c>planner</c>, <c>dev</c>, <c>qa</c> in its file.</summary>
public enum AgentRole
{
    Pm,
    Planner,
    Dev,
    Qa,
}
