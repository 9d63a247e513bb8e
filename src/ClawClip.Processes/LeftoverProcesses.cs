using System.Globalization;

namespace ClawClip.Processes;

/// <summary>
/// Process groups recorded by a runner that may have died (<see cref="ProcessSpec.GroupFile"/>). A child runs in a
/// session of its own, so it outlives a runner killed with SIGKILL; whoever takes over the work kills the group
/// first, so the same work never runs twice at once.
/// </summary>
public static class LeftoverProcesses
{
    // A group is recorded as its leader starts; the launcher makes it within milliseconds, seconds on a loaded machine.
    private static readonly TimeSpan GroupFormingPatience = TimeSpan.FromSeconds(5);

    /// <summary>Kills the group recorded in <paramref name="groupFile"/>, if any, and removes the file. Returns whether a group was recorded.</summary>
    public static bool KillRecorded(string groupFile)
    {
        string text;
        try
        {
            text = File.ReadAllText(groupFile).Trim();
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var leader))
        {
            ProcessGroup.KillWhenFormed(leader, GroupFormingPatience);
        }

        File.Delete(groupFile);
        return true;
    }

    internal static void Record(string groupFile, int leader)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(groupFile))!);
        // Whole or not at all (a temporary file renamed over it): a reader never sees a half-written pid and misses the group.
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(groupFile))!, $".{Path.GetFileName(groupFile)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, leader.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(temporary, groupFile, overwrite: true);
    }
}
