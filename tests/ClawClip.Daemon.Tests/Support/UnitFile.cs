using System.Globalization;
using System.Text;

namespace ClawClip.Daemon.Tests.Support;

/// <summary>
/// Reads a systemd unit back as systemd does (systemd.syntax(7), systemd.service(5) "Command lines"), written
/// apart from the code under test so that a quoting mistake there shows here.
/// </summary>
public sealed class UnitFile
{
    private UnitFile(IReadOnlyList<(string Section, string Key, string Value)> entries) => Entries = entries;

    public IReadOnlyList<(string Section, string Key, string Value)> Entries { get; }

    public IEnumerable<string> Sections => Entries.Select(e => e.Section).Distinct();

    public static UnitFile Parse(string text)
    {
        var entries = new List<(string, string, string)>();
        string? section = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                Assert.EndsWith("]", line, StringComparison.Ordinal);
                section = line[1..^1];
                continue;
            }

            Assert.False(line.EndsWith('\\'), $"a continued line: {line}");
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $"not a Key=Value line: {line}");
            Assert.NotNull(section);
            entries.Add((section!, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }

        return new UnitFile(entries);
    }

    /// <summary>The value of a key given once in a section.</summary>
    public string Value(string section, string key) =>
        Assert.Single(All(section, key));

    public IReadOnlyList<string> All(string section, string key) =>
        Entries.Where(e => e.Section == section && e.Key == key).Select(e => e.Value).ToArray();

    /// <summary>
    /// <c>ExecStart=</c>'s program and arguments: specifiers, then words (quotes, C escapes), then <c>$$</c> in
    /// the arguments; the program is not substituted.
    /// </summary>
    public static IReadOnlyList<string> CommandLine(string value)
    {
        var words = Words(Specifiers(value));
        return [words[0], .. words.Skip(1).Select(Dollars)];
    }

    /// <summary>One <c>Environment=</c> setting's assignments: words, then specifiers in each.</summary>
    public static IReadOnlyDictionary<string, string> Assignments(string value) =>
        Words(value).Select(Specifiers).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>A path setting: taken as it is, but for specifiers.</summary>
    public static string PathSetting(string value) => Specifiers(value);

    private static string Specifiers(string text)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                result.Append(text[i]);
                continue;
            }

            Assert.True(i + 1 < text.Length && text[i + 1] == '%', $"a specifier would be expanded in: {text}");
            result.Append('%');
            i++;
        }

        return result.ToString();
    }

    private static string Dollars(string word)
    {
        var result = new StringBuilder();
        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] != '$')
            {
                result.Append(word[i]);
                continue;
            }

            Assert.True(i + 1 < word.Length && word[i + 1] == '$', $"a variable would be substituted in: {word}");
            result.Append('$');
            i++;
        }

        return result.ToString();
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (i == text.Length)
            {
                return words;
            }

            var word = new StringBuilder();
            char? quote = null;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (quote is null && c is ' ' or '\t')
                {
                    break;
                }

                if (c == quote)
                {
                    quote = null;
                }
                else if (quote is null && c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '\\')
                {
                    i = Unescape(text, i, word);
                }
                else
                {
                    word.Append(c);
                }
            }

            Assert.Null(quote);
            words.Add(word.ToString());
        }
    }

    /// <summary>The C escape at <paramref name="start"/> (a backslash); returns the index of its last character.</summary>
    private static int Unescape(string text, int start, StringBuilder word)
    {
        Assert.True(start + 1 < text.Length, "a backslash at the end");
        var c = text[start + 1];
        switch (c)
        {
            case 'n': word.Append('\n'); return start + 1;
            case 't': word.Append('\t'); return start + 1;
            case 'r': word.Append('\r'); return start + 1;
            case '\\' or '"' or '\'' or ' ': word.Append(c); return start + 1;
            case 'x':
                word.Append((char)int.Parse(text.AsSpan(start + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                return start + 3;
            default:
                throw new InvalidDataException($"an escape this reader does not know: \\{c}");
        }
    }
}
