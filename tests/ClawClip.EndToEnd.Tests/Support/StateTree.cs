using System.Security.Cryptography;
using System.Text;
using ClawClip.Core.Tasks;
using ClawClip.State;

namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>What is on disk under <c>state/</c>, in the terms the lineage branch uses.</summary>
public static class StateTree
{
    /// <summary>Every recorded file under state/ (locks, pending records and temporary files aside): path → git blob id.</summary>
    public static Dictionary<string, string> BlobIds(StateLayout layout) =>
        Directory.EnumerateFiles(layout.Root, "*", SearchOption.AllDirectories)
            .Select(path => (Relative: layout.Relative(path), Path: path))
            .Where(f => StateLayout.IsRecorded(f.Relative))
            .ToDictionary(f => f.Relative, f => BlobId(File.ReadAllBytes(f.Path)), StringComparer.Ordinal);

    /// <summary>Every file under <paramref name="root"/> with its content hash, to prove nothing changed.</summary>
    public static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(path => Path.GetRelativePath(root, path), path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))), StringComparer.Ordinal);

    /// <summary>The folders each task's file is in (a healthy state has exactly one per task).</summary>
    public static Dictionary<string, List<TaskState>> FoldersByTask(StateLayout layout)
    {
        var folders = new Dictionary<string, List<TaskState>>(StringComparer.Ordinal);
        foreach (var state in TaskStateNames.All)
        {
            var folder = layout.TaskFolder(state);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(folder, "T-*.json", SearchOption.AllDirectories))
            {
                var id = Path.GetFileNameWithoutExtension(path);
                if (!folders.TryGetValue(id, out var list))
                {
                    folders[id] = list = [];
                }

                list.Add(state);
            }
        }

        return folders;
    }

    // git names blobs by SHA-1; this is an identity check against git, not security.
#pragma warning disable CA5350
    public static string BlobId(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. content]));
    }
#pragma warning restore CA5350
}
