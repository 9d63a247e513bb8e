namespace ClawClip.Core.Pipeline;

/// <summary>The rules the pipeline's transitions cite in their <c>Policy</c> trailer.</summary>
public static class PipelinePolicies
{
    public const string DevStart = "dev.start";
    public const string ChecksPassed = "dev.checks-passed";
    public const string ChecksFailedTooOften = "dev.check-rounds-used";
    public const string ChecksFailedRound = "dev.checks-failed";
    public const string NoChange = "dev.no-change";
    public const string NoChangeRoundsUsed = "dev.no-change-rounds-used";
    public const string RunFailedRetry = "dev.run-failed.retry";
    public const string RunFailedAttemptsUsed = "dev.run-failed.attempts-used";
    public const string QaApprove = "qa.approve";
    public const string QaRevise = "qa.revise";
    public const string QaReviseLimit = "qa.revise-limit";

    /// <summary>A reviewer's try gave no usable verdict: an annotation carrying the try's cost.</summary>
    public const string QaNoVerdict = "qa.no-verdict";

    /// <summary>The same step failed the same way <see cref="StepRepetition.Limit"/> times in a row: the task waits for a person.</summary>
    public const string StepRepeated = "pipeline.step-repeated";
    public const string InternNeedsApproval = "tier.intern-needs-approval";
    public const string PersonApproved = "person.approve";
    public const string MergeBounceLimit = "merge.bounce-limit";
    public const string ReleasedOnStop = "daemon.stop-release";
    public const string PersonRetry = "person.retry";
}
