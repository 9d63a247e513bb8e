using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Protection;

/// <summary>
/// Whether a person has approved a task's change to protected paths: <c>clawclip approve</c> answered the
/// <see cref="ProtectionPolicies.ProtectedPath"/> stop (whose reason named the paths), and no dev ran on the task since
/// (work that changes after the approval is not the work approved). An intern's approval alone does not count: the
/// person was not told that it touches protected paths.
/// </summary>
public static class ProtectedPathApproval
{
    /// <summary>True when the newest run of <paramref name="task"/>'s work was approved by a person for its protected paths.</summary>
    public static bool Approved(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var history = task.History;
        for (var i = history.Count - 1; i > 0; i--)
        {
            var e = history[i];
            if (e.Kind != TaskEventKind.Transition)
            {
                continue;
            }

            if (e.To == TaskState.Running)
            {
                return false;
            }

            if (e.Policy == PipelinePolicies.PersonApproved && Previous(history, i) is { Policy: ProtectionPolicies.ProtectedPath })
            {
                return true;
            }
        }

        return false;
    }

    private static TaskEvent? Previous(IReadOnlyList<TaskEvent> history, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (history[i].Kind == TaskEventKind.Transition)
            {
                return history[i];
            }
        }

        return null;
    }
}
