using System.Text;
using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;
using ClawClip.Core.Goals;
using ClawClip.Core.Lineage;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// The state store on plain files under <c>state/</c>, with every change committed to the lineage branch.
/// Safe to use from any number of threads and processes at once.
/// </summary>
public sealed class FileStateStore : ITaskStore, ITaskClaims, IAgentFiles, IEmergencyStop, IAgentTrust, ILineageWriter, IGoalStore, IBudgetState
{
    private readonly StateLayout layout;
    private readonly TimeProvider time;
    private readonly StateStoreOptions options;
    private readonly TaskFiles files;
    private readonly LineageJournal journal;
    private readonly StateRecovery recovery;
    private readonly TransitionEngine engine;
    private readonly LineageFlusher flusher;
    private readonly BacklogIndex backlog;
    private readonly TaskIdAllocator ids;
    private readonly LineageReconciler reconciler;

    public FileStateStore(StateLayout layout, ILineageBranch branch, TimeProvider time, StateStoreOptions? options = null)
    {
        this.layout = layout;
        this.time = time;
        this.options = options ?? new StateStoreOptions();
        files = new TaskFiles(layout);
        journal = new LineageJournal(layout);
        recovery = new StateRecovery(layout, files, journal, this.options.LockTimeout);
        engine = new TransitionEngine(layout, files, journal, recovery, this.options);
        flusher = new LineageFlusher(layout, journal, recovery, branch, this.options);
        backlog = new BacklogIndex(files, this.options.BacklogIndexMaxAge);
        ids = new TaskIdAllocator(layout, files);
        reconciler = new LineageReconciler(layout, files, branch);
    }

    public StateLayout Layout => layout;

    /// <inheritdoc />
    public async Task<TaskRecord> SubmitAsync(TaskDefinition definition, Actor actor, string reason, CancellationToken cancellationToken)
    {
        definition.Validated();
        TaskRecord task;
        using (await FileLock.AcquireAsync(layout.SubmitLockPath, options.LockTimeout, cancellationToken).ConfigureAwait(false))
        {
            var id = ids.Next();
            using var taskLock = await FileLock.AcquireAsync(layout.TaskLockPath(id), options.LockTimeout, cancellationToken).ConfigureAwait(false);
            task = TaskRecord.Submit(id, definition, actor.Name, reason, Policies.Submit, time.GetUtcNow());
            await engine.WriteSubmissionAsync(task, actor, cancellationToken).ConfigureAwait(false);
        }

        await AfterChangeAsync(cancellationToken).ConfigureAwait(false);
        return task;
    }

    /// <inheritdoc />
    public Task<TaskRecord?> FindAsync(TaskId id, CancellationToken cancellationToken)
    {
        // The folders are looked at one after another, so a task renamed into a folder already looked at (review →
        // running, running → backlog) can slip past one scan while another process moves it. A task that exists is
        // in some folder at every instant: scan again before saying it does not exist.
        TaskRecord? task = null;
        for (var scan = 1; task is null && scan <= 5; scan++)
        {
            task = files.Locate(id).Select(found => files.TryRead(found.Path, id)).OfType<TaskRecord>().MaxBy(t => t.History.Count);
        }

        return Task.FromResult(task);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var byId = new Dictionary<TaskId, TaskRecord>();
        foreach (var state in TaskStateNames.All)
        {
            foreach (var (id, path) in files.List(state))
            {
                if (files.TryRead(path, id) is { } task && (!byId.TryGetValue(id, out var other) || other.History.Count < task.History.Count))
                {
                    byId[id] = task;
                }
            }
        }

        return Task.FromResult<IReadOnlyList<TaskRecord>>([.. byId.Values.OrderBy(t => t.Id.Number)]);
    }

    /// <summary>
    /// Every task's summary, for listings: each file read whole but its history stepped over, on every
    /// core. A file that cannot be read is an <see cref="InvalidStateFileException"/> naming it.
    /// </summary>
    public IReadOnlyList<TaskSummary> ListSummaries()
    {
        var listed = TaskStateNames.All.SelectMany(state => files.List(state).Select(found => (State: state, found.Id, found.Path))).ToArray();
        TaskSummary[] summaries;
        try
        {
            summaries = Summaries(listed);
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<InvalidStateFileException>().Any())
        {
            // Reading in parallel gathers failures; report the same one every time: the first by path.
            var first = e.InnerExceptions.OfType<InvalidStateFileException>().OrderBy(x => x.DisplayPath, StringComparer.Ordinal).First();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }

        // A task seen twice (it moved while we listed) shows once, in its later state.
        return [.. summaries.GroupBy(s => s.Id).Select(g => g.MaxBy(s => s.Status == TaskState.Backlog ? 0 : 1)!).OrderBy(s => s.Id.Number)];
    }

    private TaskSummary[] Summaries((TaskState State, TaskId Id, string Path)[] listed) =>
        listed
            .AsParallel()
            .Select(found =>
            {
                try
                {
                    return TaskSummaryReader.Read(File.ReadAllBytes(found.Path), layout.Display(found.Path), found.Id);
                }
                catch (FileNotFoundException)
                {
                    return null; // moved since the folder was listed; it shows where it went next time
                }
            })
            .OfType<TaskSummary>()
            .ToArray();

    /// <summary>Checks the folders under <c>state/tasks/</c>; returns each unknown entry with its path.</summary>
    public IReadOnlyList<string> CheckLayout() => files.CheckLayout();

    /// <inheritdoc />
    public async Task<TransitionResult> TransitionAsync(TransitionRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var actor = request.Actor;
        var tier = actor.Tier ?? Tier.Intern;
        var leaseLength = request.LeaseLength ?? tier.LeaseLength();
        var (outcome, task) = await engine.MoveAsync(
            request.Task,
            request.ExpectedFrom,
            onlyIfFree: false,
            actor,
            request.Data,
            current => request.To == TaskState.Claimed
                ? current.Claim(AgentId.Parse(actor.Name), tier, now, leaseLength, request.Reason, request.Policy)
                : current.MoveTo(
                    request.To,
                    actor.Name,
                    actor.Tier,
                    request.Reason,
                    request.Policy,
                    now,
                    request.CostUsd,
                    request.To.IsHeld() ? leaseLength : null,
                    request.Turns is null && request.Session is null && request.Tokens is null ? null : new AgentRunFacts(request.Turns ?? 0, request.Session) { Tokens = request.Tokens },
                    request.MinTier,
                    request.Commit),
            cancellationToken).ConfigureAwait(false);

        await AfterChangeAsync(cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            TransitionEngine.Outcome.Moved => new TransitionResult.Moved(task!),
            TransitionEngine.Outcome.WrongStatus => new TransitionResult.WrongStatus(request.Task, task!.Status, request.ExpectedFrom!.Value),
            _ => new TransitionResult.NotFound(request.Task),
        };
    }

    /// <inheritdoc />
    public Task<TransitionResult> AnnotateAsync(TaskId task, TaskState expected, Actor actor, string reason, string policy, CancellationToken cancellationToken) =>
        AnnotateAsync(task, expected, actor, (current, now) => current.Annotate(actor.Name, reason, policy, now), cancellationToken);

    /// <inheritdoc />
    public Task<TransitionResult> AnnotateRunAsync(TaskId task, TaskState expected, Actor actor, string reason, string policy, decimal costUsd, AgentRunFacts run, CancellationToken cancellationToken) =>
        AnnotateAsync(task, expected, actor, (current, now) => current.Annotate(actor.Name, reason, policy, now, costUsd, run, actor.Tier), cancellationToken);

    private async Task<TransitionResult> AnnotateAsync(TaskId task, TaskState expected, Actor actor, Func<TaskRecord, DateTimeOffset, TaskRecord> annotate, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (outcome, annotated) = await engine.MoveAsync(task, expected, onlyIfFree: false, actor, null, current => annotate(current, now), cancellationToken).ConfigureAwait(false);
        await AfterChangeAsync(cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            TransitionEngine.Outcome.Moved => new TransitionResult.Moved(annotated!),
            TransitionEngine.Outcome.WrongStatus => new TransitionResult.WrongStatus(task, annotated!.Status, expected),
            _ => new TransitionResult.NotFound(task),
        };
    }

    /// <inheritdoc />
    public async Task<ClaimResult> ClaimNextAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } stop)
        {
            return new ClaimResult.Stopped(stop);
        }

        foreach (var id in backlog.Candidates(request.Skills))
        {
            var result = await ClaimAsync(id, request, Policies.ClaimNext, cancellationToken).ConfigureAwait(false);
            if (result is ClaimResult.Claimed)
            {
                return result;
            }
        }

        return new ClaimResult.NothingToClaim();
    }

    /// <inheritdoc />
    public async Task<ClaimResult> TryClaimAsync(TaskId task, ClaimRequest request, CancellationToken cancellationToken) =>
        await ReadAsync(cancellationToken).ConfigureAwait(false) is { } stop
            ? new ClaimResult.Stopped(stop)
            : await ClaimAsync(task, request, Policies.ClaimNamed, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<ReapReport> ReapAsync(CancellationToken cancellationToken)
    {
        recovery.ScanAndRepair();
        await recovery.RecoverIntentsAsync(cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var requeued = new List<TaskId>();
        var failed = new List<TaskId>();
        foreach (var state in TaskStateNames.All.Where(s => s.IsHeld()))
        {
            foreach (var (id, path) in files.List(state).ToList())
            {
                if (files.TryRead(path, id) is not { Lease: { } lease } || !lease.IsExpired(now))
                {
                    continue;
                }

                var (outcome, task) = await engine.MoveAsync(id, state, onlyIfFree: true, Actor.Reaper, layout.Relative(path), current => Reap(current, now), cancellationToken).ConfigureAwait(false);
                if (outcome == TransitionEngine.Outcome.Moved)
                {
                    (task!.Status == TaskState.Failed ? failed : requeued).Add(id);
                }
            }
        }

        await AfterChangeAsync(cancellationToken).ConfigureAwait(false);
        return new ReapReport(requeued, failed, recovery.TakeRepairs());
    }

    /// <summary>
    /// What a process does at start: repair what a crash left, settle dead writers' intents, commit the
    /// pending records, and then every transition the files hold that the branch still lacks (records
    /// lost to a power cut). Returns the repairs made.
    /// </summary>
    public async Task<IReadOnlyList<string>> RecoverAsync(CancellationToken cancellationToken)
    {
        // A writer renames its temporary record into place at once; one an hour old was left by a writer that died.
        journal.DeleteStaleTemporaries(time.GetUtcNow() - TimeSpan.FromHours(1));
        recovery.ScanAndRepair();
        await recovery.RecoverIntentsAsync(cancellationToken).ConfigureAwait(false);
        await flusher.FlushAsync(cancellationToken).ConfigureAwait(false);
        var repairs = recovery.TakeRepairs().ToList();
        using (await FileLock.AcquireAsync(layout.LineageLockPath, options.LockTimeout, cancellationToken).ConfigureAwait(false))
        {
            await ReconcileLockedAsync(repairs, cancellationToken).ConfigureAwait(false);
        }

        return repairs;
    }

    /// <inheritdoc />
    public async Task<FlushResult> FlushLineageAsync(CancellationToken cancellationToken)
    {
        var result = await flusher.FlushAsync(cancellationToken).ConfigureAwait(false);
        await ReconcileLostRecordsAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public Task FlushAndWaitAsync(CancellationToken cancellationToken) => flusher.FlushAndWaitAsync(time, cancellationToken);

    /// <summary>Whether any lineage record is waiting for its commit.</summary>
    public bool HasPendingLineage() => journal.HasReady() || journal.HasIntents();

    /// <inheritdoc />
    public Task<CurrentTask> ReadCurrentTaskAsync(AgentId agent, CancellationToken cancellationToken) =>
        Task.FromResult(recovery.ReadCurrentTask(agent));

    /// <inheritdoc />
    public Task<ContextSnapshot> ReadSnapshotAsync(AgentId agent, CancellationToken cancellationToken) =>
        Task.FromResult(ReadAgentFile(layout.SnapshotPath(agent), agent, AgentFile.ReadSnapshot, ContextSnapshot.Empty));

    /// <inheritdoc />
    public Task SaveSnapshotAsync(ContextSnapshot snapshot, string reason, CancellationToken cancellationToken) =>
        WriteAgentFileAsync(snapshot.Agent, layout.SnapshotPath(snapshot.Agent), AgentFile.Serialize(snapshot), "context snapshot saved", reason, Policies.AgentSnapshot, cancellationToken);

    /// <inheritdoc />
    public Task<Outbox> ReadOutboxAsync(AgentId agent, CancellationToken cancellationToken) =>
        Task.FromResult(ReadAgentFile(layout.OutboxPath(agent), agent, AgentFile.ReadOutbox, Outbox.Empty));

    /// <inheritdoc />
    public Task WriteOutboxAsync(Outbox outbox, string reason, CancellationToken cancellationToken) =>
        WriteAgentFileAsync(outbox.Agent, layout.OutboxPath(outbox.Agent), AgentFile.Serialize(outbox), "outbox written", reason, Policies.AgentOutbox, cancellationToken);

    /// <inheritdoc />
    public Task<TrustRecord> ReadTrustAsync(AgentId agent, CancellationToken cancellationToken) =>
        Task.FromResult(ReadAgentFile(layout.TrustPath(agent), agent, TrustFile.Deserialize, (a, _) => TrustRecord.New(a)));

    /// <inheritdoc />
    public async Task<TrustChange> RecordOutcomeAsync(AgentId agent, TaskId task, bool success, decimal costUsd, string reason, TrustRules rules, CancellationToken cancellationToken)
    {
        TrustChange? change = null;
        var path = layout.TrustPath(agent);
        await WriteGuardedAsync(layout.AgentLockPath(agent), path, Actor.ClawClip, () =>
        {
            var before = ReadAgentFile(path, agent, TrustFile.Deserialize, (a, _) => TrustRecord.New(a));
            change = before.After(success, costUsd, rules, time.GetUtcNow());
            var (subject, policy) = change switch
            {
                { Promoted: true } => ($"{agent} promoted {before.Tier.Name()} → {change.After.Tier.Name()}", "trust.promotion"),
                { Demoted: true } => ($"{agent} demoted {before.Tier.Name()} → {change.After.Tier.Name()}", "trust.demotion"),
                _ => ($"{agent} {(success ? "succeeded" : "failed")} at {task}", "trust.outcome"),
            };
            return new GuardedChange(
                TrustFile.Serialize(change.After),
                subject,
                $"{reason} Rule: {change.Reason}.",
                [
                    new Trailer("Task", task.Value),
                    new Trailer("Agent", agent.Value),
                    new Trailer("Tier", change.After.Tier.Name()),
                    new Trailer("Policy", policy),
                    new Trailer("Cost-USD", Money.Exact(costUsd)),
                    new Trailer("Data", layout.Relative(path)),
                ]);
        }, cancellationToken).ConfigureAwait(false);
        return change!;
    }

    /// <inheritdoc />
    public async Task<TrustRecord> RecordSpendAsync(AgentId agent, decimal costUsd, string reason, CancellationToken cancellationToken)
    {
        TrustRecord? after = null;
        var path = layout.TrustPath(agent);
        await WriteGuardedAsync(layout.AgentLockPath(agent), path, Actor.ClawClip, () =>
        {
            after = ReadAgentFile(path, agent, TrustFile.Deserialize, (a, _) => TrustRecord.New(a)).WithSpend(costUsd, time.GetUtcNow());
            return new GuardedChange(
                TrustFile.Serialize(after),
                $"{agent} spent {Money.Exact(costUsd)} USD",
                $"{reason} {agent} has spent {Money.Exact(after.SpendUsd)} USD in all.",
                [
                    new Trailer("Agent", agent.Value),
                    new Trailer("Tier", after.Tier.Name()),
                    new Trailer("Policy", Policies.TrustSpend),
                    new Trailer("Cost-USD", Money.Exact(costUsd)),
                    new Trailer("Data", layout.Relative(path)),
                ]);
        }, cancellationToken).ConfigureAwait(false);
        return after!;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<GoalRecord>> ReadGoalsAsync(CancellationToken cancellationToken)
    {
        var goals = new List<GoalRecord>();
        if (Directory.Exists(layout.GoalsRoot))
        {
            foreach (var path in Directory.EnumerateFiles(layout.GoalsRoot, "*.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                var id = GoalId.TryParse(name, out var parsed)
                    ? parsed
                    : throw new InvalidStateFileException(layout.Display(path), $"'{name}' is not a goal id: goal files are named G-<id>.json");
                goals.Add(GoalFile.Deserialize(File.ReadAllBytes(path), layout.Display(path), id));
            }
        }

        return Task.FromResult<IReadOnlyList<GoalRecord>>(goals);
    }

    /// <inheritdoc />
    public Task WriteGoalAsync(GoalRecord goal, Actor actor, string subject, string reason, string policy, CancellationToken cancellationToken)
    {
        var path = Path.Combine(layout.GoalsRoot, goal.Id.Value + ".json");
        return WriteGuardedAsync(
            Path.Combine(layout.LocksRoot, "goals", goal.Id.Value + ".lock"),
            path,
            actor,
            () =>
            {
                // What this write adds to the goal's planning cost: the planner run it records, if any.
                var before = File.Exists(path) ? GoalFile.Deserialize(File.ReadAllBytes(path), layout.Display(path), goal.Id).PlanningCostUsd : 0m;
                var added = Math.Max(0m, goal.PlanningCostUsd - before);
                return new GuardedChange(GoalFile.Serialize(goal), subject, reason, [new Trailer("Goal", goal.Id.Value), new Trailer("Agent", actor.Name), new Trailer("Policy", policy), new Trailer("Cost-USD", Money.Exact(added)), new Trailer("Data", layout.Relative(path))]);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<EmergencyStop?> ReadAsync(CancellationToken cancellationToken)
    {
        var path = layout.EmergencyStopPath;
        EmergencyStop? stop = null;
        if (!File.Exists(path))
        {
            return Task.FromResult(stop); // the claim path asks this every time: no exception for "no stop"
        }

        try
        {
            stop = EmergencyStopFile.Deserialize(File.ReadAllBytes(path), layout.Display(path));
        }
        catch (FileNotFoundException)
        {
        }
        catch (InvalidStateFileException e)
        {
            // A damaged stop file still means stop: refusing claims is the safe reading.
            stop = new EmergencyStop($"the stop file is unreadable ({e.Problem}); claims stay refused until `clawclip resume`", "unknown", DateTimeOffset.MinValue);
        }

        return Task.FromResult(stop);
    }

    /// <inheritdoc />
    public async Task StopAsync(Actor actor, string reason, CancellationToken cancellationToken)
    {
        var stop = new EmergencyStop(reason, actor.Name, time.GetUtcNow());
        await WriteGuardedAsync(layout.StopLockPath, layout.EmergencyStopPath, EmergencyStopFile.Serialize(stop), actor, "emergency stop: claims refused", reason, Policies.EmergencyStop, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> ResumeAsync(Actor actor, string reason, CancellationToken cancellationToken)
    {
        if (!File.Exists(layout.EmergencyStopPath))
        {
            return false;
        }

        await WriteGuardedAsync(layout.StopLockPath, layout.EmergencyStopPath, null, actor, "emergency stop lifted: claims allowed", reason, Policies.EmergencyStop, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public Task<BudgetState> ReadBudgetStateAsync(CancellationToken cancellationToken) => Task.FromResult(ReadBudgetState());

    /// <inheritdoc />
    public async Task<bool> RecordBudgetDecisionAsync(BudgetDecision decision, CancellationToken cancellationToken)
    {
        var written = false;
        await WriteGuardedAsync(layout.BudgetLockPath, layout.BudgetPath, BudgetPolicies.Keeper, () =>
        {
            var before = ReadBudgetState();
            var after = before.Apply(decision);
            written = !ReferenceEquals(before, after);
            return written ? new GuardedChange(BudgetFile.Serialize(after), decision.Subject, decision.Reason, BudgetTrailers(decision)) : null;
        }, cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// Writes the first lineage record of a new state folder: its README. Used by <c>clawclip init</c>.
    /// </summary>
    public Task WriteReadmeAsync(string content, Actor actor, CancellationToken cancellationToken) =>
        WriteGuardedAsync(Path.Combine(layout.LocksRoot, "readme.lock"), Path.Combine(layout.Root, "README.md"), Encoding.UTF8.GetBytes(content), actor, "state folder initialized", "the state layout, explained for a person reading the files", Policies.Init, cancellationToken);

    private BudgetState ReadBudgetState()
    {
        try
        {
            return BudgetFile.Deserialize(File.ReadAllBytes(layout.BudgetPath), layout.Display(layout.BudgetPath));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return BudgetState.Empty;
        }
    }

    private IReadOnlyList<Trailer> BudgetTrailers(BudgetDecision decision) =>
    [
        new Trailer("Agent", BudgetPolicies.Keeper.Name),
        new Trailer("Policy", decision.Policy),
        new Trailer("Scope", decision.Scope.Key),
        new Trailer("Period", decision.Period),
        new Trailer("Cost-USD", Money.Exact(decision.Spent.Usd)),
        new Trailer("Tokens", decision.Spent.Tokens.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Trailer("Data", layout.Relative(layout.BudgetPath)),
    ];

    private T ReadAgentFile<T>(string path, AgentId agent, AgentFile.Parser<T> parse, Func<AgentId, DateTimeOffset, T> empty) =>
        AgentFile.ReadOrEmpty(layout, path, agent, parse, empty);

    private async Task<ClaimResult> ClaimAsync(TaskId id, ClaimRequest request, string policy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var actor = Actor.Agent(request.Agent, request.Tier);
        var (outcome, task) = await engine.MoveAsync(
            id,
            TaskState.Backlog,
            onlyIfFree: true,
            actor,
            layout.Relative(layout.TaskPath(TaskState.Backlog, id)),
            current => CanClaim(current, request) ? current.Claim(request.Agent, request.Tier, now, request.LeaseLength, ClaimReason(current, request), policy) : null,
            cancellationToken).ConfigureAwait(false);

        if (outcome == TransitionEngine.Outcome.Unchanged)
        {
            return new ClaimResult.AlreadyClaimed(id); // not claimable by this agent now (dependencies, skills)
        }

        backlog.Remove(id);
        if (outcome != TransitionEngine.Outcome.Moved)
        {
            return new ClaimResult.AlreadyClaimed(id);
        }

        await AfterChangeAsync(cancellationToken).ConfigureAwait(false);
        return new ClaimResult.Claimed(task!);
    }

    private bool CanClaim(TaskRecord task, ClaimRequest request) =>
        (task.MinTier is not { } minTier || request.Tier >= minTier) // escalated: reserved for a higher tier
        && task.Definition.Skills.All(request.Skills.Contains)
        && (task.Definition.Goal is not { } goal || !request.ExcludedGoals.Contains(goal))
        && task.Definition.DependsOn.All(dependency => File.Exists(layout.TaskPath(TaskState.Done, dependency)));

    private static string ClaimReason(TaskRecord task, ClaimRequest request)
    {
        var skills = task.Definition.Skills.Count == 0 ? "no particular skill" : "skills " + string.Join(", ", task.Definition.Skills);
        return $"{request.Agent} took the highest-priority backlog task it can do (priority {task.Definition.Priority}, needs {skills}).";
    }

    private static TaskRecord? Reap(TaskRecord task, DateTimeOffset now)
    {
        if (task.Lease is not { } lease || !lease.IsExpired(now))
        {
            return null; // renewed since it was listed
        }

        var reason = $"lease of {task.Holder} expired at {lease.ExpiresAt:u} (attempt {task.Attempt} of {task.Definition.MaxAttempts})";
        return task.Attempt >= task.Definition.MaxAttempts
            ? task.MoveTo(TaskState.Failed, Actor.Reaper.Name, null, reason + "; no attempts left.", Policies.ReapMaxAttempts, now)
            : task.MoveTo(TaskState.Backlog, Actor.Reaper.Name, null, reason + "; back to the backlog.", Policies.ReapLeaseExpired, now);
    }

    private Task WriteAgentFileAsync(AgentId agent, string path, byte[] content, string what, string reason, string policy, CancellationToken cancellationToken) =>
        WriteGuardedAsync(layout.AgentLockPath(agent), path, content, Actor.Agent(agent, Tier.Intern) with { Tier = null }, $"{agent} {what}", reason, policy, cancellationToken);

    /// <summary>A change to one non-task file, journaled and written under <paramref name="lockPath"/>. Null content deletes.</summary>
    private Task WriteGuardedAsync(string lockPath, string path, byte[]? content, Actor actor, string subject, string reason, string policy, CancellationToken cancellationToken) =>
        WriteGuardedAsync(
            lockPath,
            path,
            actor,
            () => new GuardedChange(content, subject, reason, [new Trailer("Agent", actor.Name), new Trailer("Policy", policy), new Trailer("Data", layout.Relative(path))]),
            cancellationToken);

    /// <summary>
    /// A change to one non-task file decided under <paramref name="lockPath"/> (so it may read the file
    /// first), journaled, written, and committed; or nothing, when it decides there is nothing to write.
    /// </summary>
    private async Task WriteGuardedAsync(string lockPath, string path, Actor actor, Func<GuardedChange?> decide, CancellationToken cancellationToken)
    {
        using (await FileLock.AcquireAsync(lockPath, options.LockTimeout, cancellationToken).ConfigureAwait(false))
        {
            // Null: what was read under the lock shows there is nothing to change.
            if (decide() is not { } change)
            {
                return;
            }

            var at = time.GetUtcNow();
            var record = new LineageRecord(
                LineageJournal.NewKey(at),
                at,
                actor.Identity,
                change.Subject,
                change.Reason,
                change.Trailers,
                [new StateChange(layout.Relative(path), change.Content is null ? null : Encoding.UTF8.GetString(change.Content))]);
            var entry = new JournalEntry(record.Id, layout.Relative(lockPath), null, null, null, record);
            journal.WriteIntent(entry);
            if (change.Content is null)
            {
                AtomicFile.Delete(path);
            }
            else
            {
                AtomicFile.Write(path, change.Content);
            }

            journal.MarkReady(entry.Key);
        }

        await AfterChangeAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AfterChangeAsync(CancellationToken cancellationToken)
    {
        if (options.FlushAfterEachChange)
        {
            await flusher.FlushAsync(cancellationToken).ConfigureAwait(false);
            await ReconcileLostRecordsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After an unreadable record was discarded (its commit lost), reconciles the branch with the files as start-up
    /// does, if the lineage lock is free and nothing else is pending; otherwise a later flush does.
    /// </summary>
    private async Task ReconcileLostRecordsAsync(CancellationToken cancellationToken)
    {
        if (!recovery.LostRecords)
        {
            return;
        }

        using var held = FileLock.TryAcquire(layout.LineageLockPath);
        if (held is not null)
        {
            await ReconcileLockedAsync(null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Under the lineage lock: commits what the files hold and the branch lacks, when no record is pending.</summary>
    private async Task ReconcileLockedAsync(List<string>? repairs, CancellationToken cancellationToken)
    {
        // Only when nothing is pending: a record waiting for its commit is not a lost one.
        if (HasPendingLineage())
        {
            return;
        }

        var written = await reconciler.ReconcileAsync(cancellationToken).ConfigureAwait(false);
        recovery.Reconciled();
        if (written > 0)
        {
            journal.ForgetKnownTip();
            repairs?.Add($"wrote {written} lineage commit(s) for changes the branch lacked (records lost, likely to a power cut)");
        }
    }
}
