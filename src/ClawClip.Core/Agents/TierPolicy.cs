namespace ClawClip.Core.Agents;

/// <summary>What a tier allows an agent: how long and how costly a run may be, which tools, and whether
/// its approved work may merge without a person.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="MaxTurns">Agent turns per run (Claude Code's <c>--max-turns</c>).</param>
/// <param name="MaxCostUsd">Spend per run (Claude Code's <c>--max-budget-usd</c>).</param>
/// <param name="Lease">How long a claim lasts before the reaper may take it back.</param>
/// <param name="AllowedTools">Tools the agent may use (Claude Code's <c>--allowedTools</c>).</param>
/// <param name="MayMergeWithoutPerson">False: approved work waits for <c>clawclip approve ID</c>.</param>
public sealed record TierPolicy(Tier Tier, int MaxTurns, decimal MaxCostUsd, TimeSpan Lease, IReadOnlyList<string> AllowedTools, bool MayMergeWithoutPerson)
{
    /// <summary>
    /// Dev runs in a row whose result may fail the dev→QA checks before the task fails: the tier's attempt
    /// limit for getting the build and the tests green.
    /// </summary>
    public int CheckRounds { get; init; } = 3;

    private static readonly string[] BaseTools = ["Read", "Edit", "Write", "Glob", "Grep", "Bash(git status*)", "Bash(git diff*)", "Bash(git add*)", "Bash(git commit*)"];

    public static TierPolicy For(Tier tier) => tier switch
    {
        Tier.Intern => new(tier, 20, 1.00m, tier.LeaseLength(), BaseTools, MayMergeWithoutPerson: false) { CheckRounds = 2 },
        Tier.Junior => new(tier, 40, 3.00m, tier.LeaseLength(), [.. BaseTools, "Bash(dotnet build*)", "Bash(dotnet test*)"], MayMergeWithoutPerson: true),
        Tier.Senior => new(tier, 80, 8.00m, tier.LeaseLength(), [.. BaseTools, "Bash(dotnet *)", "Bash(git *)"], MayMergeWithoutPerson: true),
        Tier.Principal => new(tier, 150, 20.00m, tier.LeaseLength(), [.. BaseTools, "Bash(dotnet *)", "Bash(git *)", "Bash(npm *)"], MayMergeWithoutPerson: true) { CheckRounds = 4 },
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };
}
