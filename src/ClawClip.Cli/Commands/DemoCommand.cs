using System.CommandLine;
using System.Diagnostics;
using ClawClip.Core.Goals;
using ClawClip.Roadmap;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip demo</c>: claw.clip at work on a throwaway repository, no account and no network. It runs
/// the same commands a person would — by running this program again for each — and prints what they say.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var keep = new Option<bool>("--keep") { Description = "Keep the demo repository instead of deleting it." };
        var command = new Command("demo", "Show claw.clip at work on a throwaway repository (no account, no network).") { keep };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var root = Path.Combine(Path.GetTempPath(), "clawclip-demo-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(root);
            try
            {
                await WriteProjectAsync(root, cancellationToken);
                await Step(root, ["git", "init", "-q", "-b", "main"], cancellationToken);
                await Step(root, ["git", "add", "-A"], cancellationToken);
                await Step(root, ["git", "-c", "user.name=A Person", "-c", "user.email=person@example.invalid", "commit", "-q", "-m", "A project with a roadmap, a test and two scripted agents"], cancellationToken);
                await Self(root, ["init"], cancellationToken);
                await Self(root, ["goals"], cancellationToken);
                var goal = RoadmapReader.Read(Path.Combine(root, "ROADMAP.md")) is RoadmapGoalsRead read ? read.Goals[0].Id.Value : throw new InvalidOperationException("the demo's ROADMAP.md has no goal");
                await Self(root, ["submit", "--title", "Greet the world", "--goal", goal, "--spec", $"Add greeting.txt saying \"{ExampleAgentCommand.Greeting}\".", "--acceptance", $"greeting.txt holds exactly \"{ExampleAgentCommand.Greeting}\""], cancellationToken);
                await Self(root, ["run", "--once"], cancellationToken);
                await Self(root, ["approve", "T-0001", "--reason", "read the diff: fine"], cancellationToken);
                await Self(root, ["run", "--once"], cancellationToken);
                await Step(root, ["git", "log", "--format=%h %an: %s", "main"], cancellationToken);
                await Step(root, ["git", "log", "clawclip/state", "--reverse", "--format=%an | %s | %(trailers:key=Policy,valueonly,separator=)"], cancellationToken);
                Console.WriteLine();
                Console.WriteLine("$ cat state/agents/dev-1/trust.json");
                Console.WriteLine(await File.ReadAllTextAsync(Path.Combine(root, "state", "agents", "dev-1", "trust.json"), cancellationToken));
                return ExitCodes.Ok;
            }
            finally
            {
                if (parse.GetValue(keep))
                {
                    Console.WriteLine($"the demo repository is kept at {root}");
                }
                else
                {
                    Directory.Delete(root, recursive: true);

                    // Its clones and agents' homes live outside it, in its workspace: they go with it.
                    var workspace = Workspace.For(root).Root;
                    if (Directory.Exists(workspace))
                    {
                        Directory.Delete(workspace, recursive: true);
                    }
                }
            }
        });
        return command;
    }

    // The throwaway project: a roadmap goal, a test the first draft passes (QA catches what it misses), and two
    // scripted agents that are this program itself (clawclip example-agent), so no account or network is needed.
    private static async Task WriteProjectAsync(string root, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var command = Path.GetFileNameWithoutExtension(self) == "dotnet" ? $"[{Yaml(self)}, {Yaml(typeof(DemoCommand).Assembly.Location)}" : $"[{Yaml(self)}";
        var files = new Dictionary<string, string>
        {
            ["ROADMAP.md"] = "# Roadmap\n\n- [ ] Greet the world <!-- goal: greeting -->\n",
            ["tests/test.sh"] = "# greeting.txt, once there, is one line that greets.\n[ ! -f greeting.txt ] || grep -q '^Hello' greeting.txt || { echo 'FAIL: greeting.txt does not greet' >&2; exit 1; }\necho 'tests passed'\n",
            ["tests/build.sh"] = "# Nothing to compile: the build checks that every text file is readable.\nfor f in *.txt; do [ -e \"$f\" ] || continue; [ -r \"$f\" ] || exit 1; done\necho 'build ok'\n",
            ["clawclip.yaml"] = "checks:\n  build: [/bin/sh, tests/build.sh]\n  test: [/bin/sh, tests/test.sh]\n",
        };
        // The agents run sandboxed like any other: they may read this program's own folder and the .NET it runs on.
        var host = new FileInfo(self).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? self;
        var readable = $"[{Yaml(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory))}, {Yaml(Path.GetDirectoryName(host)!)}]";
        foreach (var (name, role) in new[] { ("dev-1", "dev"), ("qa-1", "qa") })
        {
            files[$"agents/{name}.yaml"] = $"name: {name}\nrole: {role}\nruntime: command\ncommand: {command}, example-agent, {role}]\nenv: [DOTNET_ROOT]\nreadable_paths: {readable}\ngit:\n  name: {name} (claw.clip agent)\n  email: {name}@agents.clawclip.invalid\n";
        }

        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Yaml(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static Task Self(string root, string[] arguments, CancellationToken cancellationToken)
    {
        // Run this same program again, as a person would type it: dotnet clawclip.dll … or the apphost.
        var self = Environment.ProcessPath!;
        string[] prefix = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(DemoCommand).Assembly.Location] : [];
        return Run(root, "clawclip " + string.Join(' ', arguments.Select(Quote)), self, [.. prefix, .. arguments], cancellationToken);
    }

    private static Task Step(string root, string[] command, CancellationToken cancellationToken) =>
        Run(root, string.Join(' ', command.Select(Quote)), command[0], command[1..], cancellationToken);

    private static async Task Run(string root, string shown, string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine("$ " + shown);
        var start = new ProcessStartInfo(program) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        Console.Write(await output.ConfigureAwait(false));
        Console.Write(await error.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            throw new CliException(ExitCodes.Failure, $"the demo step `{shown}` exited with {process.ExitCode}");
        }
    }

    private static string Quote(string argument) =>
        !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '%' or '|' or '!' or '$') ? argument
        : argument.Contains('\'', StringComparison.Ordinal) ? $"\"{argument.Replace("\"", "\\\"", StringComparison.Ordinal)}\""
        : $"'{argument}'";
}
