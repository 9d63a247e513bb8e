using System.CommandLine;
using System.Globalization;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Git;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip show ID</c>: one task, with its whole history (each step's cost, turns, session and, for a landing, the
/// commit it put on the target), its acceptance criteria, and its branch while the branch exists (a failed task's is kept).
/// </summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var id = CommonOptions.TaskIdArgument();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a task with its history.") { id, json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var store = repository.OpenStore(TimeProvider.System);
            var taskId = TaskId.Parse(parse.GetRequiredValue(id));
            var task = await PersonMoves.FindAsync(store, taskId, cancellationToken).ConfigureAwait(false);
            var branch = await BranchAsync(repository, taskId, cancellationToken).ConfigureAwait(false);
            var landed = task.History.LastOrDefault(e => e.To == TaskState.Done)?.Commit;
            var history = task.History.Select(e => new
            {
                from = e.From?.Name(),
                to = e.To.Name(),
                actor = e.Actor,
                reason = e.Reason,
                policy = e.Policy,
                tier = e.Tier?.Name(),
                attempt = e.Attempt,
                cost_usd = e.CostUsd,
                turns = e.Turns,
                tokens = e.Tokens,
                session = e.Session,
                at = e.At,
                lease_expires_at = e.Lease?.ExpiresAt,
                kind = e.Kind == TaskEventKind.Annotation ? "annotation" : "transition",
                min_tier = e.MinTier?.Name(),
                commit = e.Commit,
            }).ToArray();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonOutput.Serialize(new
                {
                    task = TaskView.Of(task),
                    spec = task.Definition.Spec,
                    acceptance = task.Definition.Acceptance,
                    depends_on = task.Definition.DependsOn.Select(d => d.Value),
                    max_attempts = task.Definition.MaxAttempts,
                    estimate_minutes = task.Definition.EstimateMinutes,
                    min_tier = task.MinTier?.Name(),
                    total_cost_usd = task.TotalCostUsd,
                    total_tokens = task.TotalTokens,
                    branch,
                    landed_commit = landed,
                    history,
                }));
                return ExitCodes.Ok;
            }

            var view = TaskView.Of(task);
            Console.WriteLine($"{task.Id}  {task.Definition.Title}");
            Console.WriteLine($"  status {view.Status}, priority {view.Priority}, attempt {task.Attempt} of {task.Definition.MaxAttempts}"
                + (task.Holder is null ? string.Empty : $", held by {task.Holder} until {task.Lease?.ExpiresAt:u}"));
            if (task.Definition.Skills.Count > 0)
            {
                Console.WriteLine("  skills: " + string.Join(", ", task.Definition.Skills));
            }

            Console.WriteLine(task.Definition.EstimateMinutes is { } minutes ? $"  estimate: {minutes} min" : "  estimate: none");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cost: {task.TotalCostUsd:0.0000} USD, {task.TotalTokens} tokens"));
            if (branch is not null)
            {
                Console.WriteLine($"  branch: {branch}" + (task.Status == TaskState.Failed ? " (kept: the work so far; `clawclip retry` continues it)" : string.Empty));
            }

            if (landed is not null)
            {
                Console.WriteLine($"  landed: {landed}");
            }

            if (task.MinTier is { } minTier)
            {
                Console.WriteLine($"  reserved for: {minTier.Name()} or above (escalated)");
            }

            if (!string.IsNullOrWhiteSpace(task.Definition.Spec))
            {
                Console.WriteLine();
                Console.WriteLine(string.Join('\n', task.Definition.Spec.Trim().Split('\n').Select(l => "  " + l)));
            }

            if (task.Definition.Acceptance.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine("acceptance:");
                foreach (var criterion in task.Definition.Acceptance)
                {
                    Console.WriteLine("  - " + criterion);
                }
            }

            Console.WriteLine();
            Console.WriteLine("history:");
            foreach (var e in task.History)
            {
                var move = e.Kind == TaskEventKind.Annotation ? $"noted in {e.To.Name()}"
                    : e.From is { } from ? $"{from.Name()} → {e.To.Name()}" : $"submitted to {e.To.Name()}";
                Console.WriteLine($"  {e.At:yyyy-MM-dd HH:mm:ss}Z  {move,-22} by {e.Actor}{(e.Tier is { } t ? $" ({t.Name()})" : string.Empty)} [{e.Policy}]");
                if (Facts(e) is { Length: > 0 } facts)
                {
                    Console.WriteLine($"      {facts}");
                }

                if (!string.IsNullOrWhiteSpace(e.Reason))
                {
                    Console.WriteLine($"      {e.Reason}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // What a step ran and produced, on one line: empty for a step that ran no agent and landed nothing.
    private static string Facts(TaskEvent e)
    {
        var facts = new List<string>();
        if (e.CostUsd is { } cost)
        {
            facts.Add(string.Create(CultureInfo.InvariantCulture, $"cost {cost:0.0000} USD"));
        }

        if (e.Turns is { } turns)
        {
            facts.Add($"{turns} turns");
        }

        if (e.Tokens is { } tokens)
        {
            facts.Add($"{tokens} tokens");
        }

        if (e.Session is { } session)
        {
            facts.Add("session " + session);
        }

        if (e.Commit is { } commit)
        {
            facts.Add("commit " + commit);
        }

        return string.Join(", ", facts);
    }

    // The task's branch, while it exists.
    private static async Task<string?> BranchAsync(Repository repository, TaskId task, CancellationToken cancellationToken)
    {
        var name = GitWorktrees.BranchOf(task);
        var found = await repository.Git.RunAsync(["rev-parse", "--verify", "--quiet", "refs/heads/" + name], null, cancellationToken).ConfigureAwait(false);
        return found.ExitCode == 0 ? name : null;
    }
}
