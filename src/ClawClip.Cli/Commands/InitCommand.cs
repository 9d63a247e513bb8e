using System.CommandLine;
using System.Reflection;
using ClawClip.Core.Agents;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip init</c>: inside a git repository, creates <c>state/</c>, the lineage branch, the
/// <c>.gitignore</c> entry and example agents. Running it again changes nothing that exists.
/// </summary>
internal static class InitCommand
{
    private static readonly string[] IgnoreLines = ["/state/*", "!/state/README.md"];

    public static Command Create()
    {
        var command = new Command("init", "Set up claw.clip in this git repository: state/, the clawclip/state branch, .gitignore, example agents/.");
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

            var agents = Path.Combine(repository.Root, "agents");
            if (!Directory.Exists(agents))
            {
                foreach (var name in Assembly.GetExecutingAssembly().GetManifestResourceNames().Where(n => n.StartsWith("agents/", StringComparison.Ordinal)))
                {
                    var target = Path.Combine(repository.Root, name);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await File.WriteAllTextAsync(target, Resource(name), cancellationToken).ConfigureAwait(false);
                }

                created.Add("example agents in agents/");
            }

            var tip = await repository.Branch.TipAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine(created.Count == 0
                ? $"claw.clip is already set up in {repository.Root} (clawclip/state at {tip?[..10]})"
                : $"claw.clip set up in {repository.Root}: {string.Join("; ", created)}. clawclip/state is at {tip?[..10]}.\n"
                  + "Review and commit .gitignore, state/README.md and agents/ on your branch when you are ready.");
            return ExitCodes.Ok;
        });
        return command;
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
