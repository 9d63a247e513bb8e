using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;

namespace ClawClip.State.Tests.Support;

/// <summary>
/// A real git repository in a temporary folder with a real <see cref="FileStateStore"/> on it, lineage
/// committed through git, and a clock the test moves. Deleted on dispose.
/// </summary>
internal sealed class TestRepository : IDisposable
{
    private TestRepository(string root, ManualClock clock, FileStateStore store)
    {
        Root = root;
        Clock = clock;
        Store = store;
    }

    public string Root { get; }

    public ManualClock Clock { get; }

    public FileStateStore Store { get; }

    public StateLayout Layout => Store.Layout;

    public static async Task<TestRepository> CreateAsync(CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "clawclip-state-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var git = new GitCli(root, new ProcessRunner());
            await git.OutputAsync(["init", "--quiet"], cancellationToken);
            var clock = new ManualClock(new DateTimeOffset(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero));
            var store = new FileStateStore(new StateLayout(root), new GitLineageBranch(git), clock);
            await store.WriteReadmeAsync("readme", Actor.ClawClip, cancellationToken);
            return new TestRepository(root, clock, store);
        }
        catch
        {
            Delete(root);
            throw;
        }
    }

    /// <summary>The task file as written, read from where its status puts it.</summary>
    public string ReadTaskFile(TaskState status, TaskId id) => File.ReadAllText(Layout.TaskPath(status, id));

    public void Dispose() => Delete(Root);

    private static void Delete(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        // git writes its objects read-only, which some systems refuse to delete.
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(root, recursive: true);
    }
}
