using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace ClawClip.Agents.Tests;

/// <summary>
/// Processes an agent started, found from outside its sandbox. Inside, a process's pid is its PID namespace's and
/// means nothing here; so the agent starts a command with arguments no other process has (<see cref="UniqueSleep"/>)
/// and this machine's <c>/proc</c> is searched for them.
/// </summary>
internal static class AgentProcesses
{
    /// <summary>A <c>sleep</c> of five minutes and a random fraction of a second, which no other process on the machine runs.</summary>
    public static string UniqueSleep() =>
        "sleep 300." + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>The pids of the live processes (zombies excluded) whose command line is <paramref name="commandLine"/>, words separated by spaces.</summary>
    public static IReadOnlyList<int> Running(string commandLine)
    {
        var pids = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(folder, "cmdline")).TrimEnd('\0').Replace('\0', ' ');
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
                if (arguments.EndsWith(commandLine, StringComparison.Ordinal) && state != "Z")
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // It ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return pids;
    }

    /// <summary>Waits, with a deadline, until no process runs <paramref name="commandLine"/>; fails naming the pids left.</summary>
    public static async Task AssertGoneAsync(string commandLine)
    {
        var waiting = Stopwatch.StartNew();
        while (Running(commandLine) is { Count: > 0 } left)
        {
            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(10), $"'{commandLine}' outlived its agent: pids {string.Join(", ", left)}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits, with a deadline, until a process runs <paramref name="commandLine"/>, and returns its pids.</summary>
    public static async Task<IReadOnlyList<int>> WaitForAsync(string commandLine)
    {
        var waiting = Stopwatch.StartNew();
        var found = Running(commandLine);
        while (found.Count == 0)
        {
            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(10), $"no process runs '{commandLine}'");
            await Task.Delay(20);
            found = Running(commandLine);
        }

        return found;
    }
}
