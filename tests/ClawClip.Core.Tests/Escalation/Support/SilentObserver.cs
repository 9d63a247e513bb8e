using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Escalation.Support;

/// <summary>Hears nothing.</summary>
internal sealed class SilentObserver : IPipelineObserver
{
    public void Noted(TaskId task, string message)
    {
    }

    public void Said(string message)
    {
    }
}
