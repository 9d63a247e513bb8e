using System.CommandLine;
using ClawClip.Git;

namespace ClawClip.Cli.Commands;

/// <summary><c>clawclip log</c>: the decision lineage, newest first.</summary>
internal static class LogCommand
{
    public static Command Create()
    {
        var count = new Option<int>("-n") { Description = "How many decisions to show.", DefaultValueFactory = _ => 20 };
        var json = CommonOptions.Json();
        var command = new Command("log", "Show the lineage of decisions on clawclip/state, newest first.") { count, json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var entries = await new LineageLog(repository.Git).ReadAsync(Math.Max(1, parse.GetValue(count)), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonOutput.Serialize(entries.Select(e => new
                {
                    commit = e.Commit,
                    author = e.Author,
                    at = e.At,
                    subject = e.Subject,
                    reason = e.Body,
                    trailers = e.Trailers.ToDictionary(t => t.Key, t => t.Value),
                })));
                return ExitCodes.Ok;
            }

            foreach (var e in entries)
            {
                var policy = e.Trailer("Policy") is { } p ? $"  [{p}]" : string.Empty;
                Console.WriteLine($"{e.Commit[..10]}  {e.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {e.Author,-16} {e.Subject}{policy}");
                if (!string.IsNullOrWhiteSpace(e.Body))
                {
                    Console.WriteLine($"            {e.Body.ReplaceLineEndings(" ")}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
