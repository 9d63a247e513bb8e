using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;
using ClawClip.Processes;

namespace ClawClip.Agents;

/// <summary>Agent runs' process groups recorded as files, <c>&lt;folder&gt;/&lt;id&gt;.pgid</c>, beside the tasks' run locks.</summary>
public sealed class ProcessGroupFiles : IRunLeftovers
{
    private readonly string folder;

    public ProcessGroupFiles(string folder) => this.folder = folder;

    /// <inheritdoc />
    public string? RecordFor(TaskId task) => PathOf(task);

    /// <inheritdoc />
    public bool StopLeftovers(TaskId task) => LeftoverProcesses.KillRecorded(PathOf(task));

    private string PathOf(TaskId task) => Path.Combine(folder, task.Value + ".pgid");
}
