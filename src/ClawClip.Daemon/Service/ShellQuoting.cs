namespace ClawClip.Daemon.Service;

/// <summary>Quoting for the commands printed for a person to paste into a POSIX shell.</summary>
internal static class ShellQuoting
{
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '=' or '@' or '%')
            ? word
            : "'" + word.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
