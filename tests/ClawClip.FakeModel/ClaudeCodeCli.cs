using System.Reflection;

namespace ClawClip.FakeModel;

/// <summary>
/// The pinned Claude Code CLI for the offline tests: <c>tests/claude-code/node_modules/.bin/claude</c>, which the build
/// of this project installs with <c>npm ci</c> (<c>tests/claude-code/ClaudeCodeCli.targets</c>), and the environment that
/// points it at a <see cref="FakeModelServer"/> and keeps it away from the person's own configuration.
/// </summary>
public static class ClaudeCodeCli
{
    /// <summary>Where the build installs the CLI (it may not be there: see <see cref="RequirePath"/>).</summary>
    public static string Path { get; } = Metadata("ClaudeCodeCli");

    /// <summary>
    /// <see cref="Path"/> when the CLI is installed; otherwise throws, saying why it may be missing, so that a test that
    /// needs the CLI fails with the reason rather than being skipped.
    /// </summary>
    /// <exception cref="InvalidOperationException">The CLI is not installed.</exception>
    public static string RequirePath()
    {
        if (File.Exists(Path))
        {
            return Path;
        }

        var folder = Metadata("ClaudeCodeFolder");
        throw new InvalidOperationException(
            $"The Claude Code CLI is not installed at {Path}. Building ClawClip.FakeModel installs it by running `npm ci` in {folder}, "
            + "which needs node and npm on PATH and the npm registry; the build output says why it failed (look for 'claude-code:'). "
            + $"To install it by hand: cd {folder} && npm ci");
    }

    /// <summary>
    /// Everything the CLI's process should see to run offline against <paramref name="model"/>: the fake's address, any
    /// API key, <c>HOME</c> and <c>CLAUDE_CONFIG_DIR</c> inside <paramref name="home"/> (so that sessions and settings stay
    /// there, never in the person's <c>~/.claude</c>), two retries at most (an error case ends in seconds, not minutes),
    /// no traffic but the model's, and this process's <c>PATH</c> (the CLI's Bash tool needs a shell and git).
    /// </summary>
    public static Dictionary<string, string> OfflineEnvironment(Uri model, string home)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(home);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = home,
            ["CLAUDE_CONFIG_DIR"] = System.IO.Path.Combine(home, ".claude"),
            ["ANTHROPIC_BASE_URL"] = model.GetLeftPart(UriPartial.Authority),
            ["ANTHROPIC_API_KEY"] = "sk-ant-fake-for-tests",
            ["CLAUDE_CODE_MAX_RETRIES"] = "2",
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            ["DISABLE_TELEMETRY"] = "1",
        };
    }

    private static string Metadata(string key) =>
        typeof(ClaudeCodeCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"ClawClip.FakeModel was built without its '{key}' metadata (tests/claude-code/ClaudeCodeCli.targets sets it).");
}
