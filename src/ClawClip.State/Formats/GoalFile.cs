using System.Text.Json.Serialization;
using ClawClip.Core.Agents;
using ClawClip.Core.Goals;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary><c>state/goals/&lt;id&gt;.json</c>, schema 1: what the PM made of one roadmap goal, and its planner runs (<c>planning_runs</c>, optional).</summary>
internal static class GoalFile
{
    public static byte[] Serialize(GoalRecord goal) => StateJson.Serialize(new GoalDto
    {
        Schema = StateJson.Schema,
        Id = goal.Id.Value,
        Text = goal.Text,
        Fingerprint = goal.Fingerprint,
        Status = goal.Status.Name(),
        Tasks = [.. goal.Tasks.Select(t => t.Value)],
        Note = goal.Note,
        UpdatedAt = goal.UpdatedAt,
        PlanningRuns = goal.PlanningRuns.Count == 0 ? null : [.. goal.PlanningRuns.Select(r => new PlanningRunDto
        {
            Agent = r.Agent.Value,
            At = r.At,
            CostUsd = r.CostUsd,
            Turns = r.Turns,
            Tokens = r.Tokens,
            Session = r.Session,
        })],
    });

    public static GoalRecord Deserialize(ReadOnlySpan<byte> bytes, string displayPath, GoalId expected)
    {
        var dto = StateJson.Deserialize<GoalDto>(bytes, displayPath);
        if (dto.Id != expected.Value)
        {
            throw new InvalidStateFileException(displayPath, $"\"id\" is '{dto.Id}' but the file is named for {expected}");
        }

        if (!GoalStatusNames.TryParse(dto.Status, out var status))
        {
            throw new InvalidStateFileException(displayPath, $"\"status\" '{dto.Status}' is not one of planned, planning-failed, failed, done, canceled");
        }

        var tasks = new List<TaskId>();
        foreach (var task in dto.Tasks ?? [])
        {
            tasks.Add(TaskId.TryParse(task, out var id) ? id : throw new InvalidStateFileException(displayPath, $"\"tasks\" holds '{task}', which is not a task id"));
        }

        var runs = new List<PlanningRun>();
        foreach (var (run, i) in (dto.PlanningRuns ?? []).Select((r, i) => (r, i)))
        {
            if (!AgentId.TryParse(run.Agent, out var agent))
            {
                throw new InvalidStateFileException(displayPath, $"planning_runs[{i}].agent '{run.Agent}' is not an agent name");
            }

            if (run.CostUsd < 0 || run.Turns < 0 || run.Tokens < 0)
            {
                throw new InvalidStateFileException(displayPath, $"planning_runs[{i}] holds a negative cost, turn or token count");
            }

            runs.Add(new PlanningRun(agent, run.At, run.CostUsd, run.Turns, run.Tokens, run.Session));
        }

        return new GoalRecord(expected, dto.Text ?? string.Empty, dto.Fingerprint ?? string.Empty, status, tasks, dto.Note ?? string.Empty, dto.UpdatedAt) { PlanningRuns = runs };
    }

    internal sealed class PlanningRunDto
    {
        public string? Agent { get; set; }

        public DateTimeOffset At { get; set; }

        public decimal CostUsd { get; set; }

        public int Turns { get; set; }

        public long Tokens { get; set; }

        public string? Session { get; set; }
    }

    internal sealed class GoalDto
    {
        public int Schema { get; set; }

        public string? Id { get; set; }

        public string? Text { get; set; }

        public string? Fingerprint { get; set; }

        public string? Status { get; set; }

        public List<string>? Tasks { get; set; }

        public string? Note { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        /// <summary>Left out while a goal has no run recorded (files written before runs were).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<PlanningRunDto>? PlanningRuns { get; set; }
    }
}
