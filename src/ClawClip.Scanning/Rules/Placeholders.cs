using System.Text.RegularExpressions;

namespace ClawClip.Scanning.Rules;

/// <summary>
/// Values that stand for a secret instead of being one: references to a variable or template (<c>${DB_PASSWORD}</c>,
/// <c>$PASS</c>, <c>{{ pass }}</c>, <c>%(pw)s</c>), angle- or square-bracketed names (<c>&lt;password&gt;</c>), masks
/// (<c>***</c>, <c>xxxx</c>) and the words documentation writes (<c>password</c>, <c>changeme</c>, <c>secret</c>).
/// </summary>
internal static partial class Placeholders
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pass", "pwd", "secret", "changeme", "change_me", "yourpassword", "your_password",
        "mypassword", "my_password", "example", "placeholder", "redacted", "token", "pw",
    };

    /// <summary>Whether <paramref name="value"/> is a stand-in rather than a real secret.</summary>
    public static bool IsPlaceholder(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0
            || Words.Contains(value)
            || Reference().IsMatch(value)
            || Mask().IsMatch(value);
    }

    [GeneratedRegex(@"^(?:\$\{[^}]*\}|\$\(?[A-Za-z_][A-Za-z0-9_]*\)?|\{\{.*\}\}|%\([^)]*\)s|%s|<[^>]*>|\[[^\]]*\])$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex(@"^(?:\*+|x+|X+|\.{3,}|…)$", RegexOptions.CultureInvariant)]
    private static partial Regex Mask();
}
