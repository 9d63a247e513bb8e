using System.CommandLine;
using System.Globalization;

namespace ClawClip.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary><c>--repo PATH</c>: the repository to work on (default: the one containing the current folder).</summary>
    public static Option<string?> Repo { get; } = new("--repo")
    {
        Description = "The git repository to work on (default: the one containing the current folder).",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text." };

    public static Option<string> Agent(bool required = true) => new("--agent")
    {
        Description = "The agent acting (like dev-1).",
        Required = required,
    };

    public static Option<string> Reason(string fallback) => new("--reason")
    {
        Description = "Why, in a sentence: it becomes the lineage commit's body.",
        DefaultValueFactory = _ => fallback,
    };

    public static Argument<string> TaskIdArgument() => new("id") { Description = "The task id, like T-0007." };

    public static Repository Repository(ParseResult parse) => Cli.Repository.Find(parse.GetValue(Repo));

    /// <summary><c>--max-parallel N</c>: tasks worked on at once, overriding <c>dispatch.max_parallel</c> in <c>clawclip.yaml</c>.</summary>
    public static Option<string?> MaxParallel() => new("--max-parallel")
    {
        Description = $"Tasks worked on at once, 1 to {Core.Policies.RepositoryConfig.MostParallel} (default: dispatch.max_parallel in clawclip.yaml, else {Core.Policies.RepositoryConfig.DefaultMaxParallel}); each agent also stays within its max_concurrent_tasks.",
    };

    /// <summary>Reads <c>--max-parallel</c>: null when not given.</summary>
    public static int? ParseMaxParallel(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= Core.Policies.RepositoryConfig.MostParallel
            ? count
            : throw new CliException(ExitCodes.Usage, $"--max-parallel must be a whole number from 1 to {Core.Policies.RepositoryConfig.MostParallel}, not '{text}'");
    }

    /// <summary>Parses a duration written as 90s, 30m, 2h or 1d.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        throw new CliException(ExitCodes.Usage, $"'{text}' is not a duration: write it like 90s, 30m, 2h or 1d");
    }
}
