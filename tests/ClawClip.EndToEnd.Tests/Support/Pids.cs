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
        if (pid <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pid), pid, "not a process id");
        }

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

    /// <summary>
    /// The live processes whose command line holds <paramref name="marker"/>, as this machine numbers them. A step
    /// inside the sandbox has a PID namespace of its own, so the <c>$$</c> it could write down means nothing out here;
    /// it runs <c>exec -a &lt;marker&gt; sleep 600</c> instead, and the test looks the marker up.
    /// </summary>
    public static IReadOnlyList<int> Named(string marker)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(marker, StringComparison.Ordinal) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // gone while we looked
            }
            catch (UnauthorizedAccessException)
            {
                // not ours to read
            }
        }

        return found;
    }
}
