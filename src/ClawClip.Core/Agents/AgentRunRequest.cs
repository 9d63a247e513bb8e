namespace ClawClip.Core.Agents;

/// <summary>One run of an agent: what it is asked, where, with what it may see, within which limits.</summary>
/// <param name="Agent">Who runs.</param>
/// <param name="Prompt">The task: spec, acceptance criteria, history, review comments.</param>
/// <param name="SystemPrompt">The role and its rules, appended to the runtime's own system prompt.</param>
/// <param name="WorkingDirectory">The task's worktree: the agent is given no path outside it.</param>
/// <param name="Environment">Everything the agent's process sees of the environment, and nothing else.</param>
/// <param name="Policy">The agent's tier: turns, cost and tools.</param>
/// <param name="Timeout">Wall time before the run and all its processes are killed.</param>
public sealed record AgentRunRequest(
    AgentId Agent,
    string Prompt,
    string SystemPrompt,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TierPolicy Policy,
    TimeSpan Timeout)
{
    /// <summary>The session to continue (from the agent's context snapshot), so a retried task resumes.</summary>
    public string? ResumeSessionId { get; init; }

    /// <summary>
    /// For a new session, its id, chosen by the caller and saved in the context snapshot before the run
    /// starts: if the run dies half-way, the retry resumes this session instead of starting over.
    /// </summary>
    public string? NewSessionId { get; init; }

    /// <summary>
    /// Where the runtime records the run's process group while it runs, so that whoever takes the task over after this
    /// process died can stop what it left running; null for none.
    /// </summary>
    public string? ProcessGroupFile { get; init; }

    /// <summary>
    /// What the run may read outside its working directory and must not change (a clone's borrowed object store): the
    /// sandbox binds these read-only. Everything else outside the working directory and the agent's home is not there.
    /// </summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>
    /// Whether the run may only read its working directory (a reviewer's view of the dev's clone): what a review changes
    /// there would otherwise be taken back with the dev's work and land unreviewed.
    /// </summary>
    public bool ReadOnlyWorkingDirectory { get; init; }

    /// <summary>A JSON Schema the answer must follow (QA verdicts, planner output), if any.</summary>
    public string? JsonSchema { get; init; }
}
