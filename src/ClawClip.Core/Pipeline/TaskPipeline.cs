using System.Globalization;
using ClawClip.Core.Agents;
using ClawClip.Core.Policies;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// Carries a task its dev holds through the review loop: the dev runs in the task's worktree; its result meets
/// the dev→QA check (build and tests); a reviewer approves it (to the merge queue, or to a person when the dev
/// is an intern) or asks for a revision, up to <see cref="MaxReviseRounds"/> rounds. Each step is a
/// transition with its reason and rule, so the lineage tells why the task went where it went.
/// </summary>
public sealed class TaskPipeline
{
    /// <summary>Revise rounds a task gets; the reviewer asking once more fails it.</summary>
    public const int MaxReviseRounds = 3;

    /// <summary>Times the merge queue may send a task back before it fails.</summary>
    public const int MaxMergeBounces = 3;

    // A reviewer's run that fails or answers nonsense is tried once more before the task waits in review.
    private const int ReviewTries = 2;

    // Reviewers read; they do not write.
    private static readonly string[] ReviewTools = ["Read", "Glob", "Grep", "Bash(git diff*)", "Bash(git log*)", "Bash(git show*)"];

    private readonly ITaskStore store;
    private readonly IAgentFiles agentFiles;
    private readonly IAgentTrust trust;
    private readonly IWorktrees worktrees;
    private readonly IWorkChecks checks;
    private readonly Team team;
    private readonly PipelineSettings settings;
    private readonly TimeProvider time;
    private readonly IPipelineObserver observer;

    public TaskPipeline(
        ITaskStore store,
        IAgentFiles agentFiles,
        IAgentTrust trust,
        IWorktrees worktrees,
        IWorkChecks checks,
        Team team,
        PipelineSettings settings,
        TimeProvider time,
        IPipelineObserver observer)
    {
        this.store = store;
        this.agentFiles = agentFiles;
        this.trust = trust;
        this.worktrees = worktrees;
        this.checks = checks;
        this.team = team;
        this.settings = settings;
        this.time = time;
        this.observer = observer;
    }

    /// <summary>
    /// Takes <paramref name="task"/> (claimed, running or in review, held by one of the team's devs) as far as it
    /// goes: to merging, to needs-input (an intern's approved work), back to the backlog after a failed run, to
    /// failed, or — when no reviewer is available or every try failed — left in review. Returns it as it ends up.
    /// </summary>
    public async Task<TaskRecord> AdvanceAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        var dev = team.Find(task.Holder)
            ?? throw new InvalidOperationException($"{task.Id} is held by {task.Holder ?? "nobody"}, which is not a configured agent");
        var worktree = await worktrees.EnsureAsync(task.Id, settings.Target, cancellationToken).ConfigureAwait(false);
        var feedback = DevFeedback.None;
        if (task.Status == TaskState.Claimed)
        {
            task = await MoveAsync(task, TaskState.Running, dev, $"worktree ready at {worktree.Path} on {worktree.Branch}, from {settings.Target}.", PipelinePolicies.DevStart, cancellationToken).ConfigureAwait(false);
        }
        else if (task.Status == TaskState.Running)
        {
            (task, feedback) = await FeedbackOnResumeAsync(task, dev, worktree, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            DevResult? result = null;
            if (task.Status == TaskState.Running)
            {
                (task, result) = await DevelopAsync(task, dev, worktree, feedback, cancellationToken).ConfigureAwait(false);
            }

            if (task.Status != TaskState.Review)
            {
                return await SettleAsync(task, dev, cancellationToken).ConfigureAwait(false);
            }

            (task, feedback) = await ReviewAsync(task, dev, worktree, result, cancellationToken).ConfigureAwait(false);
            if (task.Status != TaskState.Running)
            {
                return await SettleAsync(task, dev, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// What comes after the merge queue: a landed task earns its dev a success, a failed one a failure; either
    /// way its worktree goes, and so does its branch (a failed task's head is named in the lineage).
    /// </summary>
    public async Task<TaskRecord> SettleAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        var dev = team.Find(task.History.LastOrDefault(e => e.To == TaskState.Claimed)?.Actor);
        return dev is null ? task : await SettleAsync(task, dev, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TaskRecord> SettleAsync(TaskRecord task, TeamMember dev, CancellationToken cancellationToken)
    {
        if (task.Status is TaskState.Merging or TaskState.NeedsInput)
        {
            // The work is committed on its branch; the folder comes back if the task does.
            await worktrees.RemoveAsync(task.Id, cancellationToken).ConfigureAwait(false);
        }
        else if (task.Status is TaskState.Done or TaskState.Failed)
        {
            var success = task.Status == TaskState.Done;
            await trust.RecordOutcomeAsync(dev.Name, task.Id, success, task.TotalCostUsd, $"{task.Id} {(success ? "landed" : "failed")}: {FirstLine(task.History[^1].Reason)}", settings.TrustRules, cancellationToken).ConfigureAwait(false);
            await worktrees.RemoveAsync(task.Id, cancellationToken).ConfigureAwait(false);
            await worktrees.DeleteBranchAsync(task.Id, cancellationToken).ConfigureAwait(false);
        }

        observer.Noted(task.Id, $"{task.Status.Name()}: {FirstLine(task.History[^1].Reason)}");
        return task;
    }

    private async Task<(TaskRecord Task, DevFeedback Feedback)> FeedbackOnResumeAsync(TaskRecord task, TeamMember dev, Worktree worktree, CancellationToken cancellationToken)
    {
        var last = task.History[^1];
        if (last.From == TaskState.Review)
        {
            var snapshot = await agentFiles.ReadSnapshotAsync(dev.Name, cancellationToken).ConfigureAwait(false);
            var comments = snapshot.Task == task.Id ? snapshot.QaComments : [];
            return (task, new DevFeedback(comments, last.Reason, null, null, [], RevisionsAsked(task)));
        }

        if (last.From != TaskState.Merging)
        {
            return (task, DevFeedback.None);
        }

        var bounces = CurrentAttempt(task).Count(e => e.From == TaskState.Merging && e.To == TaskState.Running);
        if (bounces > MaxMergeBounces)
        {
            var failed = await MoveAsync(task, TaskState.Failed, Actor.ClawClip, $"the merge queue sent the work back {bounces} times (at most {MaxMergeBounces}); the last time: {FirstLine(last.Reason)}", PipelinePolicies.MergeBounceLimit, cancellationToken).ConfigureAwait(false);
            return (failed, DevFeedback.None);
        }

        IReadOnlyList<string> conflicts = [];
        if (last.Policy == "merge.conflict")
        {
            conflicts = await worktrees.MergeFromAsync(worktree, settings.Target, dev.Definition.Git, cancellationToken).ConfigureAwait(false);
        }

        return (task, new DevFeedback([], null, null, last.Reason, conflicts, 0));
    }

    private async Task<(TaskRecord Task, DevResult? Result)> DevelopAsync(TaskRecord task, TeamMember dev, Worktree worktree, DevFeedback feedback, CancellationToken cancellationToken)
    {
        var spent = new Spend();
        for (var round = 1; ; round++)
        {
            var policy = TierPolicy.For((await trust.ReadTrustAsync(dev.Name, cancellationToken).ConfigureAwait(false)).Tier);
            var run = await RunDevAsync(task, dev, worktree, feedback, policy, cancellationToken).ConfigureAwait(false);
            spent.Add(run.Result);
            if (!run.Result.Succeeded)
            {
                return (await DevRunFailedAsync(task, dev, run, spent, cancellationToken).ConfigureAwait(false), null);
            }

            var check = await checks.RunAsync(worktree.Path, cancellationToken).ConfigureAwait(false);
            var result = new DevResult(run.Diff, check);
            var data = $"{worktree.Branch} @ {Short(run.Diff.Head)}; checks: {check.Summary}";
            if (check.Passed)
            {
                observer.Noted(task.Id, $"{dev.Name}'s result passed the checks ({check.Summary})");
                return (await MoveAsync(task, TaskState.Review, dev, $"{dev.Name}'s result passed the checks ({check.Summary}); it goes to review.", PipelinePolicies.ChecksPassed, cancellationToken, spent, run.Session, data).ConfigureAwait(false), result);
            }

            var decision = settings.FailurePolicy.Decide(Handoff.DevToQa, check.Summary);
            if (decision.Continue)
            {
                observer.Noted(task.Id, "warning: " + decision.Reason);
                return (await MoveAsync(task, TaskState.Review, dev, $"warning: {decision.Reason}.", decision.Policy, cancellationToken, spent, run.Session, data).ConfigureAwait(false), result);
            }

            if (round >= policy.CheckRounds)
            {
                return (await MoveAsync(task, TaskState.Failed, dev, $"{decision.Reason}; {round} round(s) in a row failed the checks, the most {Article(policy.Tier.Name())} {policy.Tier.Name()} gets.\n{Tail(check.Output)}", PipelinePolicies.ChecksFailedTooOften, cancellationToken, spent, run.Session, data).ConfigureAwait(false), null);
            }

            observer.Noted(task.Id, $"{check.Summary}: back to {dev.Name} (round {round + 1} of {policy.CheckRounds})");
            var snapshot = await agentFiles.ReadSnapshotAsync(dev.Name, cancellationToken).ConfigureAwait(false);
            await agentFiles.SaveSnapshotAsync(
                snapshot with { Summary = $"checks failed: {check.Summary}", UpdatedAt = time.GetUtcNow() },
                $"{task.Id}: {decision.Reason}; back to {dev.Name} with the output (round {round + 1} of {policy.CheckRounds}).",
                cancellationToken).ConfigureAwait(false);
            feedback = feedback with { FailedCheck = check, MergeProblem = null, ConflictedFiles = [] };
        }
    }

    private async Task<DevRun> RunDevAsync(TaskRecord task, TeamMember dev, Worktree worktree, DevFeedback feedback, TierPolicy policy, CancellationToken cancellationToken)
    {
        var snapshot = await agentFiles.ReadSnapshotAsync(dev.Name, cancellationToken).ConfigureAwait(false);
        var resume = snapshot.Task == task.Id ? snapshot.SessionId : null;
        var session = resume ?? Guid.NewGuid().ToString();
        if (snapshot.Task != task.Id || resume is null)
        {
            // Saved before the run starts: if the run dies half-way, the retry resumes this session.
            snapshot = new ContextSnapshot(dev.Name, task.Id, session, snapshot.Task == task.Id ? snapshot.Summary : "starting", snapshot.Task == task.Id ? snapshot.FilesTouched : [], feedback.Comments, time.GetUtcNow());
            await agentFiles.SaveSnapshotAsync(snapshot, $"{dev.Name} starts session {session} on {task.Id}.", cancellationToken).ConfigureAwait(false);
        }

        observer.Noted(task.Id, resume is null ? $"{dev.Name} starts (session {session})" : $"{dev.Name} resumes session {resume}");
        var request = new AgentRunRequest(dev.Name, Prompts.Dev(task, worktree, settings.Target, feedback), Prompts.DevRules(dev), worktree.Path, dev.Environment, policy, settings.RunTimeout ?? policy.Lease)
        {
            ResumeSessionId = resume,
            NewSessionId = resume is null ? session : null,
        };
        var result = await dev.Runtime.RunAsync(request, cancellationToken).ConfigureAwait(false);
        var used = result.SessionId ?? session;

        // A session that could not be resumed is not tried again: the next run starts afresh, from the prompt.
        var keep = result.Succeeded || resume is null ? used : null;
        var commit = result.Succeeded
            ? await worktrees.CommitAllAsync(worktree, dev.Definition.Git, $"{task.Id}: work {dev.Name} left uncommitted\n\n{FirstLine(result.Result ?? task.Definition.Title)}", cancellationToken).ConfigureAwait(false)
            : null;
        var diff = await worktrees.DiffAsync(worktree, settings.Target, cancellationToken).ConfigureAwait(false);
        await agentFiles.SaveSnapshotAsync(
            new ContextSnapshot(dev.Name, task.Id, keep, Summary(result), diff.Files, feedback.Comments, time.GetUtcNow()),
            result.Succeeded
                ? $"{dev.Name} finished a run on {task.Id} ({result.Turns} turns, {Usd(result.CostUsd)} USD){(commit is null ? string.Empty : $"; claw.clip committed what it left uncommitted as {Short(commit)}")}."
                : $"{dev.Name}'s run on {task.Id} failed: {FirstLine(result.Failure!)}",
            cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await agentFiles.WriteOutboxAsync(new Outbox(dev.Name, task.Id, result.Result ?? string.Empty, [], [], time.GetUtcNow()), $"{dev.Name} hands {task.Id} to the checks and review.", cancellationToken).ConfigureAwait(false);
        }

        return new DevRun(result, used, diff);
    }

    private async Task<TaskRecord> DevRunFailedAsync(TaskRecord task, TeamMember dev, DevRun run, Spend spent, CancellationToken cancellationToken)
    {
        var why = FirstLine(run.Result.Failure ?? "the run failed");
        observer.Noted(task.Id, $"{dev.Name}'s run failed: {why}");
        await trust.RecordOutcomeAsync(dev.Name, task.Id, success: false, run.Result.CostUsd, $"{dev.Name}'s run on {task.Id} failed: {why}", settings.TrustRules, cancellationToken).ConfigureAwait(false);
        var retry = task.Attempt < task.Definition.MaxAttempts;
        return retry
            ? await MoveAsync(task, TaskState.Backlog, dev, $"{dev.Name}'s run failed: {why}. Back to the backlog for attempt {task.Attempt + 1} of {task.Definition.MaxAttempts}; the work so far stays on its branch, and the session is resumed.", PipelinePolicies.RunFailedRetry, cancellationToken, spent, run.Session).ConfigureAwait(false)
            : await MoveAsync(task, TaskState.Failed, dev, $"{dev.Name}'s run failed: {why}. That was attempt {task.Attempt} of {task.Definition.MaxAttempts}.", PipelinePolicies.RunFailedAttemptsUsed, cancellationToken, spent, run.Session).ConfigureAwait(false);
    }

    private async Task<(TaskRecord Task, DevFeedback Feedback)> ReviewAsync(TaskRecord task, TeamMember dev, Worktree worktree, DevResult? fresh, CancellationToken cancellationToken)
    {
        var reviewer = team.ReviewerFor(dev.Name, time.GetUtcNow());
        if (reviewer is null)
        {
            observer.Noted(task.Id, "waits in review: no QA agent is configured or available now");
            return (task, DevFeedback.None);
        }

        // A task found waiting in review (its runner died) has its result worked out again.
        var diff = fresh?.Diff ?? await worktrees.DiffAsync(worktree, settings.Target, cancellationToken).ConfigureAwait(false);
        var check = fresh?.Check ?? await checks.RunAsync(worktree.Path, cancellationToken).ConfigureAwait(false);
        var round = RevisionsAsked(task) + 1;
        var qaTier = (await trust.ReadTrustAsync(reviewer.Name, cancellationToken).ConfigureAwait(false)).Tier;
        var policy = TierPolicy.For(qaTier) with { AllowedTools = ReviewTools };
        var spent = new Spend();
        var lastProblem = "no review ran";
        for (var attempt = 1; attempt <= ReviewTries; attempt++)
        {
            observer.Noted(task.Id, $"{reviewer.Name} reviews ({diff.Files.Count} file(s) changed)");
            var request = new AgentRunRequest(reviewer.Name, Prompts.Review(task, diff, check, round), Prompts.QaRules(reviewer), worktree.Path, reviewer.Environment, policy, settings.RunTimeout ?? policy.Lease)
            {
                NewSessionId = Guid.NewGuid().ToString(),
                JsonSchema = QaVerdict.Schema,
            };
            var result = await reviewer.Runtime.RunAsync(request, cancellationToken).ConfigureAwait(false);
            spent.Add(result);
            var problem = FirstLine(result.Failure ?? "the run failed");
            var verdict = result.Succeeded ? QaVerdict.TryParse(result.StructuredOutput ?? result.Result, out problem) : null;
            if (verdict is null)
            {
                lastProblem = problem;
                observer.Noted(task.Id, $"{reviewer.Name} gave no usable verdict: {problem}");
                await trust.RecordOutcomeAsync(reviewer.Name, task.Id, success: false, result.CostUsd, $"{reviewer.Name} gave no usable verdict on {task.Id}: {problem}", settings.TrustRules, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await trust.RecordOutcomeAsync(reviewer.Name, task.Id, success: true, result.CostUsd, $"{reviewer.Name} reviewed {task.Id}: {(verdict.Approve ? "approve" : "revise")}.", settings.TrustRules, cancellationToken).ConfigureAwait(false);
            var data = $"diff {settings.Target}...{worktree.Branch} @ {Short(diff.Head)} ({diff.Files.Count} file(s)); checks: {check.Summary}";
            return verdict.Approve
                ? (await ApproveAsync(task, dev, reviewer, verdict, spent, result.SessionId, data, cancellationToken).ConfigureAwait(false), DevFeedback.None)
                : await ReviseAsync(task, dev, reviewer, verdict, round, spent, result.SessionId, data, cancellationToken).ConfigureAwait(false);
        }

        // Both tries failed. qa-to-merge says whether the work goes on unreviewed (to the merge gate, with a warning)
        // or waits in review: its lease runs out and the reaper returns it, or a later pass reviews it.
        var decision = settings.FailurePolicy.Decide(Handoff.QaToMerge, $"{reviewer.Name} gave no usable verdict in {ReviewTries} tries: {FirstLine(lastProblem)}");
        observer.Noted(task.Id, (decision.Continue ? "warning: " : string.Empty) + decision.Reason);
        return decision.Continue
            ? (await MoveAsync(task, TaskState.Merging, reviewer, $"warning: {decision.Reason}.", decision.Policy, cancellationToken, spent).ConfigureAwait(false), DevFeedback.None)
            : (task, DevFeedback.None);
    }

    private async Task<TaskRecord> ApproveAsync(TaskRecord task, TeamMember dev, TeamMember reviewer, QaVerdict verdict, Spend spent, string? session, string data, CancellationToken cancellationToken)
    {
        var devTier = (await trust.ReadTrustAsync(dev.Name, cancellationToken).ConfigureAwait(false)).Tier;
        var summary = string.IsNullOrWhiteSpace(verdict.Summary) ? "approved" : FirstLine(verdict.Summary).TrimEnd('.');
        if (!TierPolicy.For(devTier).MayMergeWithoutPerson)
        {
            return await MoveAsync(task, TaskState.NeedsInput, reviewer, $"{reviewer.Name} approved: {summary}. {dev.Name} is {Article(devTier.Name())} {devTier.Name()}, whose work merges only after a person approves it: clawclip approve {task.Id}.", PipelinePolicies.InternNeedsApproval, cancellationToken, spent, session, data).ConfigureAwait(false);
        }

        return await MoveAsync(task, TaskState.Merging, reviewer, $"{reviewer.Name} approved: {summary}. To the merge queue.", PipelinePolicies.QaApprove, cancellationToken, spent, session, data).ConfigureAwait(false);
    }

    private async Task<(TaskRecord Task, DevFeedback Feedback)> ReviseAsync(TaskRecord task, TeamMember dev, TeamMember reviewer, QaVerdict verdict, int round, Spend spent, string? session, string data, CancellationToken cancellationToken)
    {
        var comments = string.Join("\n", verdict.Comments.Select(c => $"{c.File}:{c.Line}: {c.Comment}"));
        var summary = string.IsNullOrWhiteSpace(verdict.Summary) ? $"{verdict.Comments.Count} comment(s)" : FirstLine(verdict.Summary).TrimEnd('.');
        if (round > MaxReviseRounds)
        {
            var failed = await MoveAsync(task, TaskState.Failed, reviewer, $"{reviewer.Name} asked for a revision a {Ordinal(round)} time: {summary}. A task gets {MaxReviseRounds} revise rounds.\n{comments}", PipelinePolicies.QaReviseLimit, cancellationToken, spent, session, data).ConfigureAwait(false);
            return (failed, DevFeedback.None);
        }

        var revised = await MoveAsync(task, TaskState.Running, reviewer, $"{reviewer.Name} asks for a revision (round {round} of {MaxReviseRounds}): {summary}\n{comments}", PipelinePolicies.QaRevise, cancellationToken, spent, session, data, TierPolicy.For((await trust.ReadTrustAsync(dev.Name, cancellationToken).ConfigureAwait(false)).Tier).Lease).ConfigureAwait(false);
        var snapshot = await agentFiles.ReadSnapshotAsync(dev.Name, cancellationToken).ConfigureAwait(false);
        await agentFiles.SaveSnapshotAsync(
            snapshot with { Task = task.Id, QaComments = verdict.Comments, Summary = $"revise round {round}: {summary}", UpdatedAt = time.GetUtcNow() },
            $"{reviewer.Name}'s {verdict.Comments.Count} comment(s) on {task.Id} for {dev.Name} (revise round {round} of {MaxReviseRounds}).",
            cancellationToken).ConfigureAwait(false);
        observer.Noted(task.Id, $"{reviewer.Name} asks for a revision (round {round} of {MaxReviseRounds}): {summary}");
        return (revised, new DevFeedback(verdict.Comments, verdict.Summary, null, null, [], round));
    }

    private async Task<TaskRecord> MoveAsync(
        TaskRecord task,
        TaskState to,
        TeamMember by,
        string reason,
        string policy,
        CancellationToken cancellationToken,
        Spend? spent = null,
        string? session = null,
        string? data = null,
        TimeSpan? lease = null)
    {
        var tier = (await trust.ReadTrustAsync(by.Name, cancellationToken).ConfigureAwait(false)).Tier;
        var request = new TransitionRequest(task.Id, to, Actor.Agent(by.Name, tier), reason, policy)
        {
            ExpectedFrom = task.Status,
            CostUsd = spent?.CostUsd,
            Turns = spent?.Turns,
            Session = session,
            Data = data,
            LeaseLength = lease,
        };
        return await MoveAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private Task<TaskRecord> MoveAsync(TaskRecord task, TaskState to, Actor actor, string reason, string policy, CancellationToken cancellationToken) =>
        MoveAsync(new TransitionRequest(task.Id, to, actor, reason, policy) { ExpectedFrom = task.Status }, cancellationToken);

    private async Task<TaskRecord> MoveAsync(TransitionRequest request, CancellationToken cancellationToken)
    {
        var result = await store.TransitionAsync(request, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            TransitionResult.Moved moved => moved.Task,
            TransitionResult.WrongStatus wrong => throw new TaskMovedElsewhereException(request.Task, wrong.Actual, request.To),
            _ => throw new TaskMovedElsewhereException(request.Task, null, request.To),
        };
    }

    private static int RevisionsAsked(TaskRecord task) => CurrentAttempt(task).Count(e => e.Policy == PipelinePolicies.QaRevise);

    private static IEnumerable<TaskEvent> CurrentAttempt(TaskRecord task) => task.History.Where(e => e.Attempt == task.Attempt && e.Attempt > 0);

    private static string Summary(AgentRunResult result) =>
        result.Succeeded ? Tail(result.Result ?? string.Empty, 2_000) : "run failed: " + FirstLine(result.Failure ?? string.Empty);

    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    private static string Tail(string text, int most = 4_000) => text.Length <= most ? text.TrimEnd() : "…" + text[^most..].TrimEnd();

    private static string Short(string commit) => commit[..Math.Min(10, commit.Length)];

    private static string Usd(decimal amount) => amount.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    private static string Ordinal(int n) => n switch { 1 => "first", 2 => "second", 3 => "third", 4 => "fourth", 5 => "fifth", _ => $"{n}th" };

    private sealed record DevRun(AgentRunResult Result, string Session, TaskDiff Diff);

    /// <summary>A dev result as the checks left it, handed to review so it need not be worked out again.</summary>
    private sealed record DevResult(TaskDiff Diff, CheckReport Check);

    /// <summary>The cost and turns of the runs behind one transition.</summary>
    private sealed class Spend
    {
        public decimal CostUsd { get; private set; }

        public int Turns { get; private set; }

        public void Add(AgentRunResult result)
        {
            CostUsd += result.CostUsd;
            Turns += result.Turns;
        }
    }
}
