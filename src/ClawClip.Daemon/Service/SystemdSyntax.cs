using System.Globalization;
using System.Text;

namespace ClawClip.Daemon.Service;

/// <summary>
/// Writing values into a systemd unit file so that systemd reads back exactly the text meant
/// (systemd.syntax(7), systemd.service(5) "Command lines", systemd.exec(5) "Environment=").
/// </summary>
internal static class SystemdSyntax
{
    /// <summary>
    /// One word of <c>ExecStart=</c>: as it is when it holds only plain characters, otherwise in double quotes with
    /// C escapes for backslash, quote and control characters, <c>$$</c> for a dollar (else a variable is
    /// substituted) and <c>%%</c> for a percent sign (else a specifier is).
    /// </summary>
    public static string CommandWord(string word) => IsPlain(word) ? word : Quote(word, escapeDollar: true);

    /// <summary>
    /// The first word of <c>ExecStart=</c>, the program. systemd refuses one with quotes, backslashes or control
    /// characters ("Executable name contains special characters"), and does not substitute variables in it, so
    /// a dollar is written as it is.
    /// </summary>
    public static string Executable(string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"a systemd unit needs an absolute program path, not '{path}'", nameof(path));
        }

        if (path.Any(c => char.IsControl(c) || c is '"' or '\'' or '\\'))
        {
            throw new ArgumentException($"systemd cannot start a program whose path has quotes, backslashes or control characters: {path}", nameof(path));
        }

        return IsPlain(path) ? path : Quote(path, escapeDollar: false);
    }

    /// <summary>One assignment of <c>Environment=</c>, quoted; systemd does not substitute variables there, so a dollar stays as it is.</summary>
    public static string Assignment(string name, string value) => Quote(name + "=" + value, escapeDollar: false);

    /// <summary>
    /// A path setting (<c>WorkingDirectory=</c>): systemd takes the rest of the line as it
    /// is, unquoted, and only expands specifiers, so a path that cannot be written that way is refused.
    /// </summary>
    public static string PathValue(string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"a systemd unit needs an absolute path, not '{path}'", nameof(path));
        }

        if (path.Any(char.IsControl) || path != path.Trim())
        {
            throw new ArgumentException($"'{path}' cannot be written in a systemd unit: it has a control character or surrounding white space", nameof(path));
        }

        return path.Replace("%", "%%", StringComparison.Ordinal);
    }

    /// <summary>Free text (<c>Description=</c>): one line, specifiers escaped.</summary>
    public static string Text(string text)
    {
        var line = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            line.Append(char.IsControl(character) ? ' ' : character);
        }

        return line.ToString().Trim().Replace("%", "%%", StringComparison.Ordinal);
    }

    private static bool IsPlain(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '=' or '@');

    private static string Quote(string value, bool escapeDollar)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var character in value)
        {
            switch (character)
            {
                case '\0':
                    throw new ArgumentException("a NUL character cannot be written in a systemd unit", nameof(value));
                case '\\': quoted.Append(@"\\"); break;
                case '"': quoted.Append("\\\""); break;
                case '\n': quoted.Append(@"\n"); break;
                case '\t': quoted.Append(@"\t"); break;
                case '\r': quoted.Append(@"\r"); break;
                case '%': quoted.Append("%%"); break;
                case '$' when escapeDollar: quoted.Append("$$"); break;
                case var control when char.IsControl(control) && control < 0x80:
                    quoted.Append(@"\x").Append(((int)control).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default: quoted.Append(character); break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
