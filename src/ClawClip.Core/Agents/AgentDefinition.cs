namespace ClawClip.Core.Agents;

/// <summary>
/// One agent as configured in <c>agents/&lt;name&gt;.yaml</c>. The file's reader checks every field and
/// names the line of anything wrong, so a value of this type is already valid.
/// </summary>
/// <param name="Name">The agent, and the file's name without <c>.yaml</c>.</param>
/// <param name="Role">What it does in the flow.</param>
/// <param name="Runtime">How it is run.</param>
/// <param name="Model">The model the <c>claude</c> runtime asks for; null for <c>command</c>.</param>
/// <param name="Command">For <c>command</c>: the program, then its arguments, one item each; empty for <c>claude</c>.</param>
/// <param name="Skills">What tasks it may claim (a task's skills must all be here).</param>
/// <param name="SystemPromptFile">Its system prompt: a path relative to the repository root, inside it; null for none.</param>
/// <param name="MaxConcurrentTasks">How many tasks it may hold at once, 1–16.</param>
/// <param name="Availability">When it may be given work; empty means always.</param>
/// <param name="Git">The author of its commits.</param>
/// <param name="EnvironmentNames">The daemon's environment variables it may see, by name; nothing else is passed.</param>
public sealed record AgentDefinition(
    AgentId Name,
    AgentRole Role,
    AgentRuntime Runtime,
    string? Model,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Skills,
    string? SystemPromptFile,
    int MaxConcurrentTasks,
    IReadOnlyList<AvailabilityWindow> Availability,
    AgentIdentity Git,
    IReadOnlyList<string> EnvironmentNames)
{
    public const int DefaultMaxConcurrentTasks = 1;
    public const int MostConcurrentTasks = 16;

    /// <summary>
    /// Folders its sandbox lets it change besides its clone and its own home (<c>writable_paths:</c>), as written:
    /// absolute, or <c>~/…</c> for the person's home. Empty for most agents: what is not listed is not there.
    /// </summary>
    public IReadOnlyList<string> WritablePaths { get; init; } = [];

    /// <summary>Files or folders its sandbox lets it read but not change (<c>readable_paths:</c>), written the same way.</summary>
    public IReadOnlyList<string> ReadablePaths { get; init; } = [];

    /// <summary>Whether its sandbox reaches the network (<c>network: open</c>, the default: it needs its model's API); false leaves it none.</summary>
    public bool Network { get; init; } = true;

    /// <summary>Whether the agent may be given work at <paramref name="instant"/>: always, unless windows are set.</summary>
    public bool IsAvailableAt(DateTimeOffset instant) => Availability.Count == 0 || Availability.Any(w => w.Contains(instant));
}
