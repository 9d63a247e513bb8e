using System.Diagnostics;
using System.Globalization;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;

namespace ClawClip.Bench;

/// <summary>
/// Disk per task clone: a copy of a real repository (this one, by default) gets a task clone the way the pipeline makes
/// one, and <c>du</c> measures it — the checkout, and the clone's own <c>.git</c>, which borrows every object from the
/// repository — against the repository's own <c>.git</c>. Also how long making and removing one takes.
/// </summary>
internal static class CloneBench
{
    public static async Task<Figures> RunAsync(string source)
    {
        var work = Directory.CreateTempSubdirectory("clawclip-bench-clone-").FullName;
        try
        {
            // A copy, so that the task refs are written in a throwaway repository and never in the one measured.
            var root = Path.Combine(work, "repository");
            BenchRepository.Git(work, "clone", "--quiet", "--no-local", source, root);
            var git = new GitCli(root, new ProcessRunner());
            var clones = new GitWorktrees(git, Path.Combine(work, "clones"));
            var branch = (await git.OutputAsync(["symbolic-ref", "--short", "HEAD"], CancellationToken.None)).Trim();

            var made = Stopwatch.GetTimestamp();
            var clone = await clones.EnsureAsync(TaskId.Parse("T-0001"), branch, CancellationToken.None);
            var making = Stopwatch.GetElapsedTime(made);
            var figures = new Figures(
                await KilobytesAsync(clone.Path),
                await KilobytesAsync(Path.Combine(clone.Path, ".git")),
                await KilobytesAsync(Path.Combine(root, ".git")),
                making,
                TimeSpan.Zero);
            var removed = Stopwatch.GetTimestamp();
            await clones.RemoveAsync(TaskId.Parse("T-0001"), CancellationToken.None);
            return figures with { Removing = Stopwatch.GetElapsedTime(removed) };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<long> KilobytesAsync(string path)
    {
        var du = await new ProcessRunner().RunAsync(ProcessSpec.Create("du", "-sk", path).WithEnvironmentFromParent("PATH"), CancellationToken.None);
        return long.Parse(du.StandardOutput.Split('\t')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>The figures of one run, sizes in KiB as <c>du -sk</c> counts them.</summary>
    internal sealed record Figures(long CloneKb, long CloneGitKb, long RepositoryGitKb, TimeSpan Making, TimeSpan Removing);
}
