namespace ClawClip.Core.Agents;

/// <summary>
/// Names of environment variables an agent may see (<c>GITHUB_TOKEN</c>): upper-case letters, digits and
/// <c>_</c>, not starting with a digit. Only names live in agent files; the values come from the daemon's
/// own environment when it spawns the agent, so no secret is ever committed.
/// </summary>
public static class EnvironmentVariableNames
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name[0] is >= '0' and <= '9')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
