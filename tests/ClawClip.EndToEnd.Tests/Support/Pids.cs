using System.Diagnostics;

namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>Asks the OS about processes a test started indirectly (an agent behind a runner).</summary>
public static class Pids
{
    /// <summary>
    /// Whether the process still runs. A killed orphan whose new parent has not reaped it yet is a zombie: it runs
    /// nothing, but its pid stays in /proc until then, so a zombie counts as dead.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (File.Exists(stat))
        {
            try
            {
                var text = File.ReadAllText(stat);
                return text[(text.LastIndexOf(')') + 2)..].StartsWith('Z') is false;
            }
            catch (IOException)
            {
                return false; // gone between the check and the read
            }
        }

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
