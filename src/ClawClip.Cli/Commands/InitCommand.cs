using System.CommandLine;
using System.Reflection;
using ClawClip.Agents;
using ClawClip.Cli.Init;
using ClawClip.Core.Agents;
using ClawClip.Git;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip init</c>: inside a git repository, creates <c>state/</c>, the lineage branch, the <c>.gitignore</c>
/// entries, the <c>.git/info/exclude</c> line for <c>.clawclip/</c>, a commented <c>clawclip.yaml</c> with checks
/// guessed from the repository, and example agents. It never overwrites a file: running it again changes nothing.
/// </summary>
internal static class InitCommand
{
    private static readonly string[] IgnoreLines = ["/state/*", "!/state/README.md"];

    public static Command Create()
    {
        var command = new Command("init", "Set up claw.clip in this git repository: state/, the clawclip/state branch, .gitignore, clawclip.yaml, example agents/.");
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var layout = repository.Layout;
            var created = new List<string>();

            Directory.CreateDirectory(layout.Root);
            var readme = Path.Combine(layout.Root, "README.md");
            var store = new ClawClip.State.FileStateStore(layout, repository.Branch, TimeProvider.System);
            if (!File.Exists(readme) || await repository.Branch.TipAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                await store.WriteReadmeAsync(Resource("state/README.md"), Actor.ClawClip, cancellationToken).ConfigureAwait(false);
                created.Add("state/README.md and the branch clawclip/state");
            }

            if (AddIgnoreLines(Path.Combine(repository.Root, ".gitignore")))
            {
                created.Add(".gitignore entries for state/");
            }

            // From the start, not only once a task's worktree is made: the logs and the kick file live there too.
            await new GitWorktrees(repository.Git, repository.Workspace.Clones).ExcludeAsync(cancellationToken).ConfigureAwait(false);

            var config = Path.Combine(repository.Root, RepositoryConfigLoader.FileName);
            if (!File.Exists(config))
            {
                var found = ProjectChecks.Guess(repository.Root);
                if (WriteNew(config, ConfigTemplate.Render(found)))
                {
                    created.Add(found.Count == 0
                        ? $"{RepositoryConfigLoader.FileName} with no checks (none could be guessed: fill them in)"
                        : $"{RepositoryConfigLoader.FileName} with checks guessed from {found[0].Found}");
                }
            }

            // Example agents only into a repository that has no team yet: added to an existing one they would work.
            var agents = Path.Combine(repository.Root, "agents");
            if (!Directory.Exists(agents) || !Directory.EnumerateFileSystemEntries(agents).Any())
            {
                foreach (var name in Assembly.GetExecutingAssembly().GetManifestResourceNames().Where(n => n.StartsWith("agents/", StringComparison.Ordinal)))
                {
                    var target = Path.Combine(repository.Root, name);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    WriteNew(target, Resource(name));
                }

                created.Add("example agents in agents/");
            }

            var tip = await repository.Branch.TipAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine(created.Count == 0
                ? $"claw.clip is already set up in {repository.Root} (clawclip/state at {tip?[..10]})"
                : $"claw.clip set up in {repository.Root}: {string.Join("; ", created)}. clawclip/state is at {tip?[..10]}.\n"
                  + $"Review and commit .gitignore, state/README.md, {RepositoryConfigLoader.FileName} and agents/ on your branch when you are ready: the daemon reads them as committed.");
            return ExitCodes.Ok;
        });
        return command;
    }

    // Never over a file that exists, even one made a moment ago by someone else.
    private static bool WriteNew(string path, string content)
    {
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(file);
            writer.Write(content);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    private static bool AddIgnoreLines(string path)
    {
        var existing = File.Exists(path) ? File.ReadAllLines(path) : [];
        var missing = IgnoreLines.Where(line => !existing.Contains(line, StringComparer.Ordinal)).ToArray();
        if (missing.Length == 0)
        {
            return false;
        }

        var prefix = existing.Length > 0 && !File.ReadAllText(path).EndsWith('\n') ? "\n" : string.Empty;
        File.AppendAllText(path, prefix + "# claw.clip: state lives on the clawclip/state branch\n" + string.Join('\n', missing) + "\n");
        return true;
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
