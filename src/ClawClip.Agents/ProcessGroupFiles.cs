using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;
using ClawClip.Processes;

namespace ClawClip.Agents;

/// <summary>
/// Runs' process groups recorded as files beside the tasks' run locks: <c>&lt;folder&gt;/&lt;id&gt;.pgid</c> for a task's
/// agent runs and checks, <c>&lt;folder&gt;/&lt;id&gt;.gate.pgid</c> for its merge gate.
/// </summary>
public sealed class ProcessGroupFiles : IRunLeftovers
{
    private const string GateSuffix = ".gate.pgid";

    private readonly string folder;

    public ProcessGroupFiles(string folder) => this.folder = folder;

    /// <inheritdoc />
    public string? RecordFor(TaskId task) => Path.Combine(folder, task.Value + ".pgid");

    /// <inheritdoc />
    public bool StopLeftovers(TaskId task) => LeftoverProcesses.KillRecorded(Path.Combine(folder, task.Value + ".pgid"));

    /// <inheritdoc />
    public string? RecordGateFor(TaskId task) => Path.Combine(folder, task.Value + GateSuffix);

    /// <inheritdoc />
    public IReadOnlyList<TaskId> StopGateLeftovers()
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var stopped = new List<TaskId>();
        foreach (var file in Directory.EnumerateFiles(folder, "*" + GateSuffix))
        {
            var name = Path.GetFileName(file);
            if (LeftoverProcesses.KillRecorded(file) && TaskId.TryParse(name[..^GateSuffix.Length], out var task))
            {
                stopped.Add(task);
            }
        }

        return stopped;
    }
}
