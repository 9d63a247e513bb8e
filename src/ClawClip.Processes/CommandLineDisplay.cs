using System.Text;

namespace ClawClip.Processes;

/// <summary>
/// Renders a program and its arguments for people: every word in POSIX single quotes, so an empty
/// argument, a space or a quote stays visible and the line can be pasted into a shell. Display only:
/// the runner never builds or parses a command line.
/// </summary>
internal static class CommandLineDisplay
{
    public static string Format(string fileName, IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder();
        AppendQuoted(text, fileName);
        foreach (var argument in arguments)
        {
            text.Append(' ');
            AppendQuoted(text, argument);
        }

        return text.ToString();
    }

    public static string Quote(string word) => AppendQuoted(new StringBuilder(), word).ToString();

    private static StringBuilder AppendQuoted(StringBuilder text, string word) =>
        text.Append('\'').Append(word.Replace("'", @"'\''", StringComparison.Ordinal)).Append('\'');
}
