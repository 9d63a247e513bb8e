using ClawClip.Core.Agents;

namespace ClawClip.Agents;

/// <summary>
/// The variables that make every git an agent runs answer with the agent's identity, never the person's. The
/// <c>GIT_AUTHOR_*</c> and <c>GIT_COMMITTER_*</c> pair covers the commits it makes; <c>user.name</c> and
/// <c>user.email</c> given through <c>GIT_CONFIG_COUNT</c> cover what git <em>says</em> the user is
/// (<c>git config user.name</c>, which Claude Code runs and shows the model as the git user): config given in the
/// environment outranks the global and repository files, whose <c>user.name</c> is the person's.
/// </summary>
public static class AgentGitIdentity
{
    /// <summary>The variables for <paramref name="identity"/>, to lay over the rest of an agent's environment.</summary>
    public static IReadOnlyDictionary<string, string> Variables(AgentIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GIT_AUTHOR_NAME"] = identity.Name,
            ["GIT_AUTHOR_EMAIL"] = identity.Email,
            ["GIT_COMMITTER_NAME"] = identity.Name,
            ["GIT_COMMITTER_EMAIL"] = identity.Email,
            ["GIT_CONFIG_COUNT"] = "2",
            ["GIT_CONFIG_KEY_0"] = "user.name",
            ["GIT_CONFIG_VALUE_0"] = identity.Name,
            ["GIT_CONFIG_KEY_1"] = "user.email",
            ["GIT_CONFIG_VALUE_1"] = identity.Email,
        };
    }
}
