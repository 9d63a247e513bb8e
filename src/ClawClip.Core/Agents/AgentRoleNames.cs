namespace ClawClip.Core.Agents;

/// <summary>The spelling of roles in agent files.</summary>
public static class AgentRoleNames
{
    public static string Name(this AgentRole role) => role switch
    {
        AgentRole.Pm => "pm",
        AgentRole.Planner => "planner",
        AgentRole.Dev => "dev",
        AgentRole.Qa => "qa",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out AgentRole role)
    {
        foreach (var candidate in Enum.GetValues<AgentRole>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
