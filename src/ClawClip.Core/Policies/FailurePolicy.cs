namespace ClawClip.Core.Policies;

/// <summary>
/// What each handoff of <c>trigger → planner → dev → QA → merge</c> does when its input is stale, missing or
/// failed: warn and continue, or halt.
/// </summary>
public sealed record FailurePolicy(
    OnFailure TriggerToPlanner,
    OnFailure PlannerToDev,
    OnFailure DevToQa,
    OnFailure QaToMerge,
    OnFailure Merge)
{
    /// <summary>
    /// Planning may fail without harm, since the tasks already planned stay valid; a result that failed its
    /// checks, QA or the merge gate goes no further.
    /// </summary>
    public static FailurePolicy Default { get; } =
        new(OnFailure.Continue, OnFailure.Continue, OnFailure.Halt, OnFailure.Halt, OnFailure.Halt);

    public OnFailure For(Handoff handoff) => handoff switch
    {
        Handoff.TriggerToPlanner => TriggerToPlanner,
        Handoff.PlannerToDev => PlannerToDev,
        Handoff.DevToQa => DevToQa,
        Handoff.QaToMerge => QaToMerge,
        Handoff.Merge => Merge,
        _ => throw new ArgumentOutOfRangeException(nameof(handoff), handoff, null),
    };

    /// <summary>This policy with <paramref name="handoff"/> set to <paramref name="onFailure"/>.</summary>
    public FailurePolicy With(Handoff handoff, OnFailure onFailure) => handoff switch
    {
        Handoff.TriggerToPlanner => this with { TriggerToPlanner = onFailure },
        Handoff.PlannerToDev => this with { PlannerToDev = onFailure },
        Handoff.DevToQa => this with { DevToQa = onFailure },
        Handoff.QaToMerge => this with { QaToMerge = onFailure },
        Handoff.Merge => this with { Merge = onFailure },
        _ => throw new ArgumentOutOfRangeException(nameof(handoff), handoff, null),
    };

    /// <summary>What <paramref name="handoff"/> does with <paramref name="failure"/>.</summary>
    /// <param name="handoff">Where the failure stopped the work.</param>
    /// <param name="failure">What failed, in one line (<c>dotnet test exited with 1</c>); it goes into the reason.</param>
    public PolicyDecision Decide(Handoff handoff, string failure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(failure);

        // The reason is one line of a lineage commit; a multi-line failure (build output) is the caller's to summarize.
        if (failure.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("the failure must be one line; summarize it (the first error, the exit code)", nameof(failure));
        }

        var onFailure = For(handoff);
        var (what, ifContinue, ifHalt) = handoff switch
        {
            Handoff.TriggerToPlanner => (
                "planning failed",
                "the tasks already planned stay valid and work on them goes on, with a warning",
                "no more work is dispatched until planning succeeds"),
            Handoff.PlannerToDev => (
                "the planner's tasks are stale or missing",
                "dev agents go on with the tasks already planned, with a warning",
                "no dev work starts until the planner hands over fresh tasks"),
            Handoff.DevToQa => (
                "the dev result failed its checks",
                "it reaches QA anyway, with a warning",
                "it does not reach QA"),
            Handoff.QaToMerge => (
                "QA failed the result",
                "it reaches the merge queue anyway, with a warning",
                "it does not reach merge"),
            Handoff.Merge => (
                "the merge gate failed",
                "it is merged anyway, with a warning",
                "it is not merged"),
            _ => throw new ArgumentOutOfRangeException(nameof(handoff), handoff, null),
        };

        var goesOn = onFailure is OnFailure.Continue;
        var reason = $"{handoff.Name()} is set to {onFailure.Name()}: {what} ({failure.Trim()}), so {(goesOn ? ifContinue : ifHalt)}";
        return new PolicyDecision(goesOn, $"failure-policy.{handoff.Name()}.{onFailure.Name()}", reason);
    }
}
