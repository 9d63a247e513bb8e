using System.Globalization;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// Hands out task ids in sequence. Runs under the submit lock; the next number is kept as a hint in
/// <c>locks/</c> and, if that is lost, found again from the highest id on disk.
/// </summary>
internal sealed class TaskIdAllocator
{
    private readonly StateLayout layout;
    private readonly TaskFiles files;

    public TaskIdAllocator(StateLayout layout, TaskFiles files)
    {
        this.layout = layout;
        this.files = files;
    }

    public TaskId Next()
    {
        var number = ReadHint() ?? HighestOnDisk() + 1;
        while (files.Locate(TaskId.FromNumber(number)).Count > 0)
        {
            number++;
        }

        // Whole for a reader, not fsynced: a hint lost to a power cut is found again from the disk.
        var hint = AtomicFile.WriteTemporary(layout.NextIdHintPath, System.Text.Encoding.ASCII.GetBytes((number + 1).ToString(CultureInfo.InvariantCulture)), flush: false);
        File.Move(hint, layout.NextIdHintPath, overwrite: true);
        return TaskId.FromNumber(number);
    }

    private long? ReadHint()
    {
        try
        {
            // Only a hint: one that is damaged or out of range is ignored and the disk is asked instead.
            return long.TryParse(File.ReadAllText(layout.NextIdHintPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n > 0 && n <= TaskId.MaxNumber ? n : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private long HighestOnDisk() =>
        TaskStateNames.All.SelectMany(files.List).Select(t => t.Id.Number).DefaultIfEmpty(0).Max();
}
