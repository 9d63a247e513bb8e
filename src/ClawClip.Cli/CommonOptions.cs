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
