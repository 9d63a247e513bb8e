using ClawClip.Core.Goals;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary><c>state/goals/&lt;id&gt;.json</c>, schema 1: what the PM made of one roadmap goal.</summary>
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

        return new GoalRecord(expected, dto.Text ?? string.Empty, dto.Fingerprint ?? string.Empty, status, tasks, dto.Note ?? string.Empty, dto.UpdatedAt);
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
    }
}
