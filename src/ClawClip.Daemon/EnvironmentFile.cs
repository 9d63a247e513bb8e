using ClawClip.Core.Agents;

namespace ClawClip.Daemon;

/// <summary>
/// The <c>--env-file</c> of <c>clawclip daemon</c>: <c>KEY=value</c> lines (as systemd's <c>EnvironmentFile=</c> reads
/// them), for secrets a service file must not hold. Blank lines and <c># comments</c> are skipped; a value may be
/// wrapped in single or double quotes; <c>export </c> before a key is allowed. What it reads is kept by
/// <see cref="DaemonVariables"/>, never set in the daemon's own environment.
/// </summary>
public static class EnvironmentFile
{
    /// <summary>The variables, in file order. Throws <see cref="FormatException"/> naming the file, the line and the fix.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FormatException($"{path}: no such file; create it with one KEY=value per line (chmod 600), or leave out --env-file");
        }

        var variables = new List<KeyValuePair<string, string>>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"{path}:{i + 1}: expected KEY=value, like ANTHROPIC_API_KEY=sk-…");
            }

            var key = line[..equals].Trim();
            if (!EnvironmentVariableNames.IsValid(key))
            {
                throw new FormatException($"{path}:{i + 1}: '{key}' is not an environment variable name; use upper-case letters, digits and '_', not starting with a digit");
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            variables.Add(new(key, value));
        }

        return variables;
    }
}
