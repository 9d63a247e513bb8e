using ClawClip.Core.Goals;

namespace ClawClip.Core.Tasks;

/// <summary>What a task is, as submitted: everything but its history, which never changes afterwards.</summary>
/// <param name="Title">One line.</param>
/// <param name="Spec">What to build; the agent's brief.</param>
/// <param name="Acceptance">How a reviewer knows it is done, one criterion an item.</param>
/// <param name="Priority">0–100, higher first; ties go to the older task.</param>
/// <param name="Skills">What an agent must have to claim it (all of them).</param>
/// <param name="Goal">The roadmap goal it serves, if any.</param>
/// <param name="DependsOn">Tasks that must be done before this one may run.</param>
/// <param name="MaxAttempts">Claims allowed before an expired lease fails the task instead of requeueing it.</param>
/// <remarks>
/// <see cref="EstimateMinutes"/> is an init property rather than a parameter: older task files and callers have none.
/// </remarks>
public sealed record TaskDefinition(
    string Title,
    string Spec,
    IReadOnlyList<string> Acceptance,
    int Priority,
    IReadOnlyList<string> Skills,
    GoalId? Goal,
    IReadOnlyList<TaskId> DependsOn,
    int MaxAttempts)
{
    public const int DefaultPriority = 50;
    public const int DefaultMaxAttempts = 3;

    /// <summary>The longest estimate a task may carry: a working day. Work bigger than that is several tasks.</summary>
    public const int MaxEstimateMinutes = 480;

    /// <summary>The longest title, in characters: one line a person reads in a list.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>
    /// The biggest spec a new task may carry, in UTF-8 bytes (64 KiB): it goes into every prompt about the task, for the
    /// dev and the reviewer alike, each run; more is a document to keep in the repository and point to.
    /// </summary>
    public const int MaxSpecBytes = 64 * 1024;

    /// <summary>The most acceptance criteria a new task may carry: more is several tasks.</summary>
    public const int MostAcceptanceCriteria = 20;

    /// <summary>The longest acceptance criterion, in characters.</summary>
    public const int MaxCriterionLength = 500;

    /// <summary>
    /// How long the work should take, in minutes (1–<see cref="MaxEstimateMinutes"/>), when someone estimated it: the
    /// planner always does, a person with <c>clawclip submit --estimate</c>. Escalation counts from it.
    /// </summary>
    public int? EstimateMinutes { get; init; }

    /// <summary>Checks the fields a person or a planner supplies; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public TaskDefinition Validated()
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            throw new ArgumentException("a task needs a title", nameof(Title));
        }

        if (Title.Contains('\n', StringComparison.Ordinal) || Title.Contains('\r', StringComparison.Ordinal) || Title.Length > MaxTitleLength)
        {
            throw new ArgumentException($"a task title is one line of at most {MaxTitleLength} characters (this one has {Title.Length})", nameof(Title));
        }

        if (Priority is < 0 or > 100)
        {
            throw new ArgumentException($"priority {Priority} is out of range: use 0–100 (higher runs first)", nameof(Priority));
        }

        if (MaxAttempts is < 1 or > 100)
        {
            throw new ArgumentException($"max attempts {MaxAttempts} is out of range: use 1–100", nameof(MaxAttempts));
        }

        if (EstimateMinutes is < 1 or > MaxEstimateMinutes)
        {
            throw new ArgumentException($"estimate {EstimateMinutes} minutes is out of range: use 1–{MaxEstimateMinutes} minutes (a bigger piece of work is several tasks)", nameof(EstimateMinutes));
        }

        foreach (var skill in Skills)
        {
            if (!SkillNames.IsValid(skill))
            {
                throw new ArgumentException($"'{skill}' is not a skill name: use lower-case letters, digits, '-', '.', '+' or '#'", nameof(Skills));
            }
        }

        return this;
    }

    /// <summary>
    /// <see cref="Validated"/>, and the size limits a new task must keep (a person's submission or a planner's):
    /// <see cref="MaxSpecBytes"/>, <see cref="MostAcceptanceCriteria"/>, <see cref="MaxCriterionLength"/>. Task files
    /// already stored are read without them, so a task submitted before the limits existed is not lost.
    /// </summary>
    public TaskDefinition ValidatedForIntake()
    {
        Validated();
        var specBytes = System.Text.Encoding.UTF8.GetByteCount(Spec);
        if (specBytes > MaxSpecBytes)
        {
            throw new ArgumentException($"the spec is {specBytes} bytes; a task's spec is at most {MaxSpecBytes} bytes (64 KiB) of UTF-8, since it goes into every prompt about the task: keep the detail in a file in the repository and point to it", nameof(Spec));
        }

        if (Acceptance.Count > MostAcceptanceCriteria)
        {
            throw new ArgumentException($"{Acceptance.Count} acceptance criteria; a task has at most {MostAcceptanceCriteria} (more is several tasks)", nameof(Acceptance));
        }

        for (var i = 0; i < Acceptance.Count; i++)
        {
            if (Acceptance[i].Length > MaxCriterionLength)
            {
                throw new ArgumentException($"acceptance criterion {i + 1} has {Acceptance[i].Length} characters; each is at most {MaxCriterionLength}", nameof(Acceptance));
            }
        }

        return this;
    }
}
