using ClawClip.Processes;

namespace ClawClip.Git.Tests.Support;

/// <summary>A real git repository in a temporary folder, with <c>main</c> as its branch; deleted afterwards.</summary>
public sealed class TempRepository : IDisposable
{
    public TempRepository()
    {
        Root = Directory.CreateTempSubdirectory("clawclip-git-").FullName;
        Clones = Directory.CreateTempSubdirectory("clawclip-clones-").FullName;
        Homes = Directory.CreateTempSubdirectory("clawclip-homes-").FullName;
        Git = new GitCli(Root, new ProcessRunner());
        // A constructor cannot await; git init is quick, so it runs plainly here.
        using var init = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["init", "-q", "-b", "main", Root]))!;
        init.WaitForExit();
        Assert.Equal(0, init.ExitCode);
    }

    public string Root { get; }

    /// <summary>A folder outside the repository for task clones, as claw.clip's workspace is.</summary>
    public string Clones { get; }

    /// <summary>A folder outside the repository for the checks' and the gate's homes.</summary>
    public string Homes { get; }

    public GitCli Git { get; }

    public Task<string> RunAsync(params string[] arguments) => Git.OutputAsync(arguments, CancellationToken.None);

    /// <summary>Writes a file in <paramref name="folder"/> (the repository or one of its worktrees) and commits it as <paramref name="author"/>.</summary>
    public static async Task CommitAsync(string folder, string file, string content, string message, string author)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, file), content);
        var here = new GitCli(folder, new ProcessRunner());
        await here.OutputAsync(["add", file], CancellationToken.None);
        await here.OutputAsync(["-c", $"user.name={author}", "-c", $"user.email={author}@example.invalid", "commit", "-q", "-m", message], CancellationToken.None);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { Root, Clones, Homes }.Where(Directory.Exists))
        {
            // git writes its objects read-only, which some systems refuse to delete.
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(folder, recursive: true);
        }
    }
}
