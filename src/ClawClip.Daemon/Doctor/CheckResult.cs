namespace ClawClip.Daemon.Doctor;

/// <summary>
/// One finding of <c>clawclip doctor</c>: which check, for which agent if any, how it came out, what was found in one
/// line, and for a warning or a failure the fix as a command to run or an edit to make.
/// </summary>
/// <param name="Check">The check's name: git, sandbox, repository, target-branch, state, lineage-branch, config, agents, runtime, auth, state-write, disk.</param>
/// <param name="Agent">The agent it is about, for runtime and auth; null otherwise.</param>
/// <param name="Status">Ok, warn or fail.</param>
/// <param name="Finding">What was found, in one line.</param>
/// <param name="Fix">For warn and fail: what to run or edit; null when ok.</param>
public sealed record CheckResult(string Check, string? Agent, CheckStatus Status, string Finding, string? Fix)
{
    public static CheckResult Ok(string check, string finding, string? agent = null) => new(check, agent, CheckStatus.Ok, finding, null);

    public static CheckResult Warn(string check, string finding, string fix, string? agent = null) => new(check, agent, CheckStatus.Warn, finding, fix);

    public static CheckResult Fail(string check, string finding, string fix, string? agent = null) => new(check, agent, CheckStatus.Fail, finding, fix);
}
