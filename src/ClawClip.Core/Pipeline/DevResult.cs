using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>A dev result as the checks left it, handed to review so it need not be worked out again.</summary>
internal sealed record DevResult(TaskDiff Diff, CheckReport Check);
