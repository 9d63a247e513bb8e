using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip example-agent dev|qa</c>: the scripted agents of <c>clawclip demo</c>, on the <c>command</c> runtime's
/// contract (a JSON request on stdin, a result JSON on stdout), with no model behind them. The dev writes
/// <c>greeting.txt</c> — wrong the first time, right once a review comment tells it what the spec says — and
/// commits it; the reviewer reads the file in the worktree and approves it or asks for a revision at line 1.
/// </summary>
internal static class ExampleAgentCommand
{
    /// <summary>What the demo's task asks for, and what its test checks.</summary>
    public const string Greeting = "Hello, world!";

    public static Command Create()
    {
        var role = new Argument<string>("role") { Description = "dev or qa." };
        var command = new Command("example-agent", "A scripted example agent for the demo (command runtime; reads a request on stdin).") { role };
        command.Hidden = true;
        command.OnRun(async (parse, cancellationToken) =>
        {
            using var request = await JsonDocument.ParseAsync(Console.OpenStandardInput(), cancellationToken: cancellationToken).ConfigureAwait(false);
            var prompt = request.RootElement.GetProperty("prompt").GetString() ?? string.Empty;
            var answer = parse.GetRequiredValue(role) switch
            {
                "dev" => await DevelopAsync(prompt, cancellationToken).ConfigureAwait(false),
                "qa" => await ReviewAsync(cancellationToken).ConfigureAwait(false),
                var other => throw new CliException(ExitCodes.Usage, $"example-agent: no role '{other}'; use dev or qa"),
            };
            Console.WriteLine(JsonSerializer.Serialize(answer));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<object> DevelopAsync(string prompt, CancellationToken cancellationToken)
    {
        // A first draft that misses the punctuation, as a hurried dev would; the review comment sets it right.
        var revising = prompt.Contains("The reviewer asked for changes", StringComparison.Ordinal);
        var text = revising ? Greeting : "Hello world";
        await File.WriteAllTextAsync("greeting.txt", text + "\n", cancellationToken).ConfigureAwait(false);
        await GitAsync(["add", "greeting.txt"], cancellationToken).ConfigureAwait(false);
        await GitAsync(["commit", "-q", "-m", revising ? "Punctuate the greeting as the spec says" : "Add greeting.txt"], cancellationToken).ConfigureAwait(false);
        return new
        {
            is_error = false,
            result = revising ? $"greeting.txt now says \"{Greeting}\", as the review asked." : "Wrote greeting.txt.",
            session_id = "example-dev",
            total_cost_usd = 0.0,
            num_turns = revising ? 2 : 3,
        };
    }

    private static async Task<object> ReviewAsync(CancellationToken cancellationToken)
    {
        var written = File.Exists("greeting.txt") ? (await File.ReadAllTextAsync("greeting.txt", cancellationToken).ConfigureAwait(false)).TrimEnd('\n') : null;
        var verdict = written == Greeting
            ? new { verdict = "approve", summary = "greeting.txt says exactly what the spec asks.", comments = Array.Empty<object>() }
            : new
            {
                verdict = "revise",
                summary = "Close, but not what the spec says.",
                comments = new object[] { new { file = "greeting.txt", line = 1, comment = $"The spec asks for \"{Greeting}\" (comma and exclamation mark); this says \"{written}\"." } },
            };
        return new { is_error = false, structured_output = verdict, total_cost_usd = 0.0, num_turns = 1 };
    }

    private static async Task GitAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new CliException(ExitCodes.Failure, $"git {string.Join(' ', arguments)} exited {process.ExitCode}: {await error.ConfigureAwait(false)}");
        }
    }
}
