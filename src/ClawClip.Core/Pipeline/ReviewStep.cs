using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;
using ClawClip.Core.Outages;
using ClawClip.Core.Policies;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// The review half of the loop: a QA agent (never the author) reads the spec, the diff and the check result, and
/// answers with a verdict. Approve sends the work to the merge queue (or to a person, for an intern's); revise sends
/// it back to its dev with the comments, up to <see cref="TaskPipeline.MaxReviseRounds"/> rounds. A try without a
/// usable verdict is recorded on the task with its cost; when every try fails, qa-to-merge's stop sends the task to a
/// person (needs-input, with an alert) rather than leave it in review for the next pass to pay for again.
/// </summary>
internal sealed class ReviewStep
{
    // A reviewer's run that fails or answers nonsense is tried once more before qa-to-merge decides.
    private const int ReviewTries = 2;

    // Reviewers read; they do not write.
    private static readonly string[] ReviewTools = ["Read", "Glob", "Grep", "Bash(git diff*)", "Bash(git log*)", "Bash(git show*)"];

    private readonly IAgentFiles agentFiles;
    private readonly IAgentTrust trust;
    private readonly IWorktrees worktrees;
    private readonly IWorkChecks checks;
    private readonly Team team;
    private readonly PipelineSettings settings;
    private readonly TimeProvider time;
    private readonly IPipelineObserver observer;
    private readonly TaskMoves moves;
    private readonly IRunLeftovers leftovers;
    private readonly AgentSlots slots;
    private readonly TaskStops stops;

    public ReviewStep(IAgentFiles agentFiles, IAgentTrust trust, IWorktrees worktrees, IWorkChecks checks, Team team, PipelineSettings settings, TimeProvider time, IPipelineObserver observer, TaskMoves moves, IRunLeftovers leftovers, AgentSlots slots, TaskStops stops)
    {
        this.stops = stops;
        this.leftovers = leftovers;
        this.slots = slots;
        this.agentFiles = agentFiles;
        this.trust = trust;
        this.worktrees = worktrees;
        this.checks = checks;
        this.team = team;
        this.settings = settings;
        this.time = time;
        this.observer = observer;
        this.moves = moves;
    }

    /// <summary>Rides out model API outages (set by the pipeline that owns this step).</summary>
    public OutageKeeper Outages { get; set; } = null!;

    public async Task<(TaskRecord Task, DevFeedback Feedback)> ReviewAsync(TaskRecord task, TeamMember dev, Worktree worktree, DevResult? fresh, CancellationToken cancellationToken)
    {
        var reviewer = team.ReviewerFor(dev.Name, time.GetUtcNow());
        if (reviewer is null)
        {
            observer.Noted(task.Id, "waits in review: no QA agent is configured or available now");
            return (task, DevFeedback.None);
        }

        // A task found waiting in review (its runner died) has its result worked out again.
        var diff = fresh?.Diff ?? await worktrees.DiffAsync(worktree, settings.Target, cancellationToken).ConfigureAwait(false);
        var check = fresh?.Check ?? await checks.RunAsync(worktree.Path, leftovers.RecordFor(task.Id), cancellationToken).ConfigureAwait(false);
        var round = PipelineText.RevisionsAsked(task) + 1;
        var qaTier = (await trust.ReadTrustAsync(reviewer.Name, cancellationToken).ConfigureAwait(false)).Tier;
        var policy = TierPolicy.For(qaTier) with { AllowedTools = ReviewTools };
        var lastProblem = "no review ran";
        var handoff = await AgentHandoff.FromAsync(task, dev.Name, agentFiles.ReadOutboxAsync, cancellationToken).ConfigureAwait(false);

        // The reviewer works on as many tasks at once as its max_concurrent_tasks allows; other reviews wait their turn.
        using var slot = await slots.TakeAsync(reviewer.Name, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; attempt <= ReviewTries; attempt++)
        {
            // A review is paid for from the task's budget like a dev run: each try is recorded before the next one, so
            // the history holds everything spent so far.
            if (TaskBudget.Exceeded(task, BudgetSpend.Zero, settings.Budgets.Task) is { } overBudget)
            {
                observer.Noted(task.Id, overBudget);
                return (await moves.MoveAsync(task, TaskState.NeedsInput, reviewer, overBudget, BudgetPolicies.TaskLimit, cancellationToken).ConfigureAwait(false), DevFeedback.None);
            }

            observer.Noted(task.Id, $"{reviewer.Name} reviews ({diff.Files.Count} file(s) changed)");
            var request = new AgentRunRequest(reviewer.Name, Prompts.Review(task, diff, check, round, handoff), Prompts.QaRules(reviewer), worktree.Path, reviewer.Environment, TaskBudget.CapRun(policy, task, BudgetSpend.Zero, settings.Budgets.Task), settings.RunTimeout ?? policy.Lease)
            {
                NewSessionId = Guid.NewGuid().ToString(),
                JsonSchema = QaVerdict.Schema,
                ProcessGroupFile = leftovers.RecordFor(task.Id),
                ReadOnlyPaths = worktree.Borrowed,
                ReadOnlyWorkingDirectory = true, // the reviewer reads the dev's clone; nothing it could write there lands unreviewed
            };
            var result = await reviewer.Runtime.RunAsync(request, cancellationToken).ConfigureAwait(false);
            var spent = RunSpend.Of(result);
            if (await Outages.AfterRunAsync(reviewer.Name, task.Id, result, cancellationToken).ConfigureAwait(false) is { } outage)
            {
                // The model's API failed, not the reviewer: no trust failure, and the try does not count. A backoff
                // that outlasts the lease leaves the task waiting in review, as a reviewer that cannot run does.
                observer.Noted(task.Id, $"{reviewer.Name}'s review hit a model API outage ({PipelineText.FirstLine(result.Failure ?? string.Empty)}); outage {outage.Consecutive} in a row: tried again at {outage.RetryAt:u}");
                if (task.Lease is { } lease && outage.RetryAt >= lease.ExpiresAt)
                {
                    return (task, DevFeedback.None);
                }

                await Outages.WaitAsync(outage, cancellationToken).ConfigureAwait(false);
                attempt--;
                continue;
            }

            var problem = PipelineText.FirstLine(result.Failure ?? "the run failed");
            var verdict = result.Succeeded ? QaVerdict.TryParse(result.StructuredOutput ?? result.Result, out problem) : null;
            if (verdict is null)
            {
                // The try cost what it cost: an annotation carries it, so the budgets, the lineage and trust.json see it.
                lastProblem = problem;
                observer.Warned(task.Id, $"{reviewer.Name} gave no usable verdict: {problem}");
                task = await moves.AnnotateRunAsync(task, reviewer, $"{reviewer.Name} gave no usable verdict (try {attempt} of {ReviewTries}): {PipelineText.FirstLine(problem)}", PipelinePolicies.QaNoVerdict, spent, result.SessionId, cancellationToken).ConfigureAwait(false);
                await trust.RecordOutcomeAsync(reviewer.Name, task.Id, success: false, 0m, $"{reviewer.Name} gave no usable verdict on {task.Id}: {problem}", settings.TrustRules, cancellationToken).ConfigureAwait(false);
                if (StepRepetition.Find(task.History) is { } repeated)
                {
                    return (await stops.StopAsync(task, reviewer, TaskStops.RepeatedReason(task, repeated), PipelinePolicies.StepRepeated, cancellationToken).ConfigureAwait(false), DevFeedback.None);
                }

                continue;
            }

            await trust.RecordOutcomeAsync(reviewer.Name, task.Id, success: true, 0m, $"{reviewer.Name} reviewed {task.Id}: {(verdict.Approve ? "approve" : "revise")}.", settings.TrustRules, cancellationToken).ConfigureAwait(false);
            var data = $"diff {settings.Target}...{worktree.Branch} @ {PipelineText.Short(diff.Head)} ({diff.Files.Count} file(s)); checks: {check.Summary}";
            return verdict.Approve
                ? (await ApproveAsync(task, dev, reviewer, verdict, spent, result.SessionId, data, cancellationToken).ConfigureAwait(false), DevFeedback.None)
                : await ReviseAsync(task, dev, reviewer, verdict, round, spent, result.SessionId, data, cancellationToken).ConfigureAwait(false);
        }

        // Every try failed (each is in the history with its cost). qa-to-merge says whether the work goes on unreviewed
        // (to the merge gate, with a warning) or stops: to a person, in needs-input, with an alert, and no later pass
        // reviews it again until the person acts.
        var decision = settings.FailurePolicy.Decide(Handoff.QaToMerge, $"{reviewer.Name} gave no usable verdict in {ReviewTries} tries: {PipelineText.FirstLine(lastProblem)}");
        observer.Warned(task.Id, decision.Reason); // unreviewed work goes on, or waits: a person should know either way
        return decision.Continue
            ? (await moves.MoveAsync(task, TaskState.Merging, reviewer, $"warning: {decision.Reason}.", decision.Policy, cancellationToken).ConfigureAwait(false), DevFeedback.None)
            : (await stops.StopAsync(task, reviewer, $"{decision.Reason}. {task.Id} waits for a person: `clawclip retry {task.Id}` has it worked on and reviewed again; or cancel it.", decision.Policy, cancellationToken).ConfigureAwait(false), DevFeedback.None);
    }

    private async Task<TaskRecord> ApproveAsync(TaskRecord task, TeamMember dev, TeamMember reviewer, QaVerdict verdict, RunSpend spent, string? session, string data, CancellationToken cancellationToken)
    {
        var devTier = (await trust.ReadTrustAsync(dev.Name, cancellationToken).ConfigureAwait(false)).Tier;
        var summary = string.IsNullOrWhiteSpace(verdict.Summary) ? "approved" : PipelineText.FirstLine(verdict.Summary).TrimEnd('.');
        if (!TierPolicy.For(devTier).MayMergeWithoutPerson)
        {
            return await moves.MoveAsync(task, TaskState.NeedsInput, reviewer, $"{reviewer.Name} approved: {summary}. {dev.Name} is {PipelineText.Article(devTier.Name())} {devTier.Name()}, whose work merges only after a person approves it: clawclip approve {task.Id}.", PipelinePolicies.InternNeedsApproval, cancellationToken, spent, session, data).ConfigureAwait(false);
        }

        return await moves.MoveAsync(task, TaskState.Merging, reviewer, $"{reviewer.Name} approved: {summary}. To the merge queue.", PipelinePolicies.QaApprove, cancellationToken, spent, session, data).ConfigureAwait(false);
    }

    private async Task<(TaskRecord Task, DevFeedback Feedback)> ReviseAsync(TaskRecord task, TeamMember dev, TeamMember reviewer, QaVerdict verdict, int round, RunSpend spent, string? session, string data, CancellationToken cancellationToken)
    {
        var comments = string.Join("\n", verdict.Comments.Select(c => $"{c.File}:{c.Line}: {c.Comment}"));
        var summary = string.IsNullOrWhiteSpace(verdict.Summary) ? $"{verdict.Comments.Count} comment(s)" : PipelineText.FirstLine(verdict.Summary).TrimEnd('.');
        if (round > TaskPipeline.MaxReviseRounds)
        {
            var failed = await moves.MoveAsync(task, TaskState.Failed, reviewer, $"{reviewer.Name} asked for a revision a {PipelineText.Ordinal(round)} time: {summary}. A task gets {TaskPipeline.MaxReviseRounds} revise rounds.\n{comments}", PipelinePolicies.QaReviseLimit, cancellationToken, spent, session, data).ConfigureAwait(false);
            return (failed, DevFeedback.None);
        }

        var revised = await moves.MoveAsync(task, TaskState.Running, reviewer, $"{reviewer.Name} asks for a revision (round {round} of {TaskPipeline.MaxReviseRounds}): {summary}\n{comments}", PipelinePolicies.QaRevise, cancellationToken, spent, session, data, TierPolicy.For((await trust.ReadTrustAsync(dev.Name, cancellationToken).ConfigureAwait(false)).Tier).Lease).ConfigureAwait(false);
        // The dev's snapshot may be about another task it works on at the same time: then this task's session is the
        // one its history recorded, not the snapshot's.
        var snapshot = await agentFiles.ReadSnapshotAsync(dev.Name, cancellationToken).ConfigureAwait(false);
        var devSession = TaskSessions.ToResume(snapshot, task, dev.Name);
        var files = snapshot.Task == task.Id ? snapshot.FilesTouched : [];
        await agentFiles.SaveSnapshotAsync(
            new ContextSnapshot(dev.Name, task.Id, devSession, $"revise round {round}: {summary}", files, verdict.Comments, time.GetUtcNow()),
            $"{reviewer.Name}'s {verdict.Comments.Count} comment(s) on {task.Id} for {dev.Name} (revise round {round} of {TaskPipeline.MaxReviseRounds}).",
            cancellationToken).ConfigureAwait(false);
        observer.Noted(task.Id, $"{reviewer.Name} asks for a revision (round {round} of {TaskPipeline.MaxReviseRounds}): {summary}");
        return (revised, new DevFeedback(verdict.Comments, verdict.Summary, null, null, [], round));
    }
}
