namespace ClawClip.Core.Policies;

/// <summary>
/// What a repository says about itself in <c>clawclip.yaml</c>: its failure policy and the commands the dev→QA
/// check and the merge gate run.
/// </summary>
/// <param name="FailurePolicy">What each handoff does on failure.</param>
/// <param name="BuildCommand">The build: the program, then each argument (never a shell string); null when not set.</param>
/// <param name="TestCommand">The tests, as a program and its arguments; null when not set.</param>
public sealed record RepositoryConfig(
    FailurePolicy FailurePolicy,
    IReadOnlyList<string>? BuildCommand,
    IReadOnlyList<string>? TestCommand)
{
    /// <summary>What a repository without <c>clawclip.yaml</c> gets: the default policy and no checks.</summary>
    public static RepositoryConfig Default { get; } = new(FailurePolicy.Default, null, null);

    /// <summary>The webhook and the daily summary.</summary>
    public NotificationSettings Notifications { get; init; } = NotificationSettings.Default;
}
