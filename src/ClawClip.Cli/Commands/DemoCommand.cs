using System.CommandLine;
using System.Diagnostics;

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
                await Step(root, ["git", "init", "-q", "-b", "main"], cancellationToken);
                await Step(root, ["git", "-c", "user.name=demo", "-c", "user.email=demo@example.invalid", "commit", "-q", "--allow-empty", "-m", "an empty project"], cancellationToken);
                await Self(root, ["init"], cancellationToken);
                await Self(root, ["submit", "--title", "Parse ROADMAP.md into goals", "--skill", "csharp", "--priority", "80"], cancellationToken);
                await Self(root, ["submit", "--title", "Document the state layout", "--skill", "docs", "--priority", "40"], cancellationToken);
                await Self(root, ["submit", "--title", "Benchmark claims per second", "--skill", "csharp", "--priority", "60"], cancellationToken);
                await Self(root, ["claim", "--agent", "dev-1"], cancellationToken);
                await Self(root, ["claim", "--agent", "dev-2", "--skill", "docs"], cancellationToken);
                await Self(root, ["transition", "T-0001", "--to", "running", "--agent", "dev-1", "--reason", "worktree ready, starting on the parser"], cancellationToken);
                await Self(root, ["transition", "T-0001", "--to", "review", "--agent", "dev-1", "--reason", "parser done, tests pass", "--policy", "dev.checks-passed"], cancellationToken);
                await Self(root, ["release", "T-0002", "--reason", "dev-2 is needed elsewhere"], cancellationToken);
                await Self(root, ["status"], cancellationToken);
                await Self(root, ["log"], cancellationToken);
                await Self(root, ["show", "T-0001"], cancellationToken);
                Console.WriteLine();
                Console.WriteLine("$ cat state/agents/dev-1/current-task.json");
                Console.WriteLine(await File.ReadAllTextAsync(Path.Combine(root, "state", "agents", "dev-1", "current-task.json"), cancellationToken));
                await Step(root, ["git", "log", "clawclip/state", "--format=%an | %s | %(trailers:key=Policy,valueonly,separator=)"], cancellationToken);
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
                }
            }
        });
        return command;
    }

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

    private static string Quote(string argument) => argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '%' or '|') ? $"\"{argument}\"" : argument;
}
