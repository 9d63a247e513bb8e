namespace ClawClip.Core.Agents;

/// <summary>The spelling of runtimes in agent files.</summary>
public static class AgentRuntimeNames
{
    public static string Name(this AgentRuntime runtime) => runtime switch
    {
        AgentRuntime.Claude => "claude",
        AgentRuntime.Command => "command",
        _ => throw new ArgumentOutOfRangeException(nameof(runtime), runtime, null),
    };

    public static bool TryParse(string? name, out AgentRuntime runtime)
    {
        foreach (var candidate in Enum.GetValues<AgentRuntime>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                runtime = candidate;
                return true;
            }
        }

        runtime = default;
        return false;
    }
}
