namespace ClawClip.Daemon.Service;

/// <summary>
/// The variables a service file carries over from the installing shell. launchd starts a job with a bare
/// environment and a systemd user manager with its own, so PATH must be written out; but a service file is
/// world-readable text, so only variables known not to be secrets are copied (an allow-list, by name).
/// </summary>
internal sealed class ServiceEnvironment
{
    /// <summary>Copied when set: where programs are, the locale, where .NET and Claude Code keep their files, and which model provider Claude Code uses.</summary>
    private static readonly string[] Carried =
    [
        "PATH", "LANG", "CLAUDE_CONFIG_DIR", "DOTNET_ROOT",
        "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "AWS_PROFILE", "AWS_REGION",
    ];

    /// <summary>Credentials the daemon may need; never copied, only named in a note when the shell has them.</summary>
    private static readonly string[] Secrets =
    [
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    ];

    /// <summary>What a job gets when the installing shell has no PATH at all.</summary>
    internal const string FallbackPath = "/usr/local/bin:/usr/bin:/bin";

    private ServiceEnvironment(IReadOnlyList<KeyValuePair<string, string>> variables, IReadOnlyList<string> secretsLeftOut, bool pathWasMissing)
    {
        Variables = variables;
        SecretsLeftOut = secretsLeftOut;
        PathWasMissing = pathWasMissing;
    }

    /// <summary>Name and value of each variable to write, PATH first, then HOME.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; }

    /// <summary>The secret variables the shell has set, which the service file does not carry.</summary>
    public IReadOnlyList<string> SecretsLeftOut { get; }

    public bool PathWasMissing { get; }

    public static ServiceEnvironment From(IReadOnlyDictionary<string, string> shell, string home)
    {
        var variables = new List<KeyValuePair<string, string>>();
        var pathWasMissing = !shell.TryGetValue("PATH", out var path) || string.IsNullOrEmpty(path);
        variables.Add(new("PATH", pathWasMissing ? FallbackPath : path!));
        variables.Add(new("HOME", home));
        foreach (var name in Carried.Skip(1))
        {
            if (shell.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
            {
                variables.Add(new(name, value));
            }
        }

        var secrets = Secrets.Where(name => shell.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)).ToArray();
        return new ServiceEnvironment(variables, secrets, pathWasMissing);
    }
}
