using System.Diagnostics;

namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>Asks the OS about processes a test started indirectly (an agent behind a runner).</summary>
public static class Pids
{
    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
