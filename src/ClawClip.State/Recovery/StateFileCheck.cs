using ClawClip.Core.Agents;
using ClawClip.Core.Goals;

namespace ClawClip.State;

/// <summary>
/// Whether a file under <c>state/</c> (other than a task file) reads as what its place says it is: the reconciler
/// commits a file it cannot explain by a lost record only after this says it parses.
/// </summary>
internal static class StateFileCheck
{
    /// <summary>What is wrong with <paramref name="content"/> at <paramref name="relativePath"/>, or null if it reads.</summary>
    public static string? Problem(StateLayout layout, string relativePath, byte[] content)
    {
        var display = layout.Display(layout.Full(relativePath));
        var parts = relativePath.Split('/');
        try
        {
            switch (parts)
            {
                case ["README.md"]:
                    return null;
                case ["budget.json"]:
                    BudgetFile.Deserialize(content, display);
                    return null;
                case ["outage.json"]:
                    OutageFile.Deserialize(content, display);
                    return null;
                case ["emergency-stop.json"]:
                    EmergencyStopFile.Deserialize(content, display);
                    return null;
                case ["goals", var name] when name.EndsWith(".json", StringComparison.Ordinal) && GoalId.TryParse(name[..^5], out var goal):
                    GoalFile.Deserialize(content, display, goal);
                    return null;
                case [StateQuarantine.FolderName, _] when StateQuarantine.IsNote(relativePath):
                    QuarantineNoteFile.Deserialize(content, display);
                    return null;
                case ["agents", var name, var file] when AgentId.TryParse(name, out var agent):
                    return AgentProblem(file, content, display, agent);
                default:
                    return "not a file claw.clip writes there";
            }
        }
        catch (InvalidStateFileException e)
        {
            return e.Problem;
        }
    }

    private static string? AgentProblem(string file, byte[] content, string display, AgentId agent)
    {
        switch (file)
        {
            case "current-task.json":
                AgentFile.ReadCurrentTask(content, display, agent);
                return null;
            case "context-snapshot.json":
                AgentFile.ReadSnapshot(content, display, agent);
                return null;
            case "outbox.json":
                AgentFile.ReadOutbox(content, display, agent);
                return null;
            case "trust.json":
                TrustFile.Deserialize(content, display, agent);
                return null;
            default:
                return "not a file claw.clip writes in an agent's folder";
        }
    }
}
