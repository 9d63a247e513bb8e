using System.Security.Cryptography;
using System.Text;

namespace ClawClip.Cli;

/// <summary>
/// Where claw.clip keeps a repository's working data that agents must not reach through the repository: the task
/// clones and the homes of agents and checks. It is outside the person's checkout and outside <c>.git/</c>:
/// <c>$CLAWCLIP_HOME</c>, else <c>$XDG_STATE_HOME/clawclip</c>, else <c>~/.local/state/clawclip</c>, then one folder
/// per repository named after its folder and a hash of its full path (two checkouts called <c>app</c> never share).
/// </summary>
internal sealed class Workspace
{
    public const string HomeVariable = "CLAWCLIP_HOME";

    private Workspace(string root) => Root = root;

    /// <summary>This repository's folder: <c>&lt;base&gt;/&lt;name&gt;-&lt;hash12&gt;</c>.</summary>
    public string Root { get; }

    /// <summary>The task clones, one folder per task id.</summary>
    public string Clones => Path.Combine(Root, "clones");

    /// <summary>The planner's copies of the repository, one folder per goal id, each deleted after its plan.</summary>
    public string Planning => Path.Combine(Root, "planning");

    /// <summary>Each agent's HOME inside its sandbox, kept between runs (Claude Code's config and sessions, caches).</summary>
    public string AgentHomes => Path.Combine(Root, "homes", "agents");

    /// <summary>The checks' HOME inside their sandbox (package caches, so a check does not download the world each time).</summary>
    public string ChecksHome => Path.Combine(Root, "homes", "checks");

    /// <summary>The gate's own HOME: a task's checks can fill their cache, never the one the merge gate trusts.</summary>
    public string GateHome => Path.Combine(Root, "homes", "gate");

    public static Workspace For(string repositoryRoot, Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        var full = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
        return new Workspace(Path.Combine(BaseFolder(variable), Path.GetFileName(full) + "-" + hash));
    }

    private static string BaseFolder(Func<string, string?> variable)
    {
        if (variable(HomeVariable) is { Length: > 0 } home)
        {
            return Path.GetFullPath(home);
        }

        if (variable("XDG_STATE_HOME") is { Length: > 0 } state && Path.IsPathRooted(state))
        {
            return Path.Combine(state, "clawclip");
        }

        var user = variable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(user, ".local", "state", "clawclip");
    }
}
