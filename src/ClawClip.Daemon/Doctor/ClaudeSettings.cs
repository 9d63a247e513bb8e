using System.Text.Json;
using ClawClip.Git;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// Where Claude Code may find an <c>apiKeyHelper</c> (a command that prints the key) for an agent: the user settings
/// in its config folder (<c>CLAUDE_CONFIG_DIR</c>, else <c>~/.claude</c> under the HOME it gets), the managed settings,
/// and the project's <c>.claude/settings.json</c> and <c>.claude/settings.local.json</c> as committed on the target
/// branch — an agent works in a worktree checked out from it, so a file only in the person's checkout never reaches it.
/// </summary>
internal static class ClaudeSettings
{
    private const string Key = "apiKeyHelper";

    private static readonly string[] ProjectFiles = [".claude/settings.json", ".claude/settings.local.json"];

    /// <summary>Claude Code's folder for the agent: <c>CLAUDE_CONFIG_DIR</c>, else <c>~/.claude</c>; null without HOME.</summary>
    public static string? ConfigFolder(IReadOnlyDictionary<string, string> agentEnvironment) =>
        agentEnvironment.TryGetValue("CLAUDE_CONFIG_DIR", out var folder) && folder.Length > 0 ? folder
        : agentEnvironment.TryGetValue("HOME", out var home) && home.Length > 0 ? Path.Combine(home, ".claude")
        : null;

    /// <summary>The first settings file the agent sees that sets an <c>apiKeyHelper</c>, and problems met on the way (a file that is not JSON).</summary>
    public static async Task<HelperSearch> FindHelperAsync(DoctorContext context, IReadOnlyDictionary<string, string> agentEnvironment, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var files = new List<string>(context.ManagedSettingsFiles);
        if (ConfigFolder(agentEnvironment) is { } folder)
        {
            files.Add(Path.Combine(folder, "settings.json"));
        }

        foreach (var file in files)
        {
            if (File.Exists(file) && Helper(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), file, problems) is { } helper)
            {
                return new HelperSearch(file, helper, problems, null);
            }
        }

        var git = new GitCli(context.RepositoryRoot, context.Runner);
        string? onlyInCheckout = null;
        foreach (var file in ProjectFiles)
        {
            var committed = await git.RunAsync(["show", $"refs/heads/{context.Target}:{file}"], null, cancellationToken).ConfigureAwait(false);
            var where = $"{file} on {context.Target}";
            if (committed.ExitCode == 0 && Helper(committed.StandardOutput, where, problems) is { } helper)
            {
                return new HelperSearch(where, helper, problems, null);
            }

            var local = Path.Combine(context.RepositoryRoot, file);
            if (onlyInCheckout is null && File.Exists(local) && Helper(await File.ReadAllTextAsync(local, cancellationToken).ConfigureAwait(false), local, []) is not null)
            {
                onlyInCheckout = file;
            }
        }

        return new HelperSearch(null, null, problems, onlyInCheckout);
    }

    private static string? Helper(string json, string where, List<string> problems)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(Key, out var helper)
                && helper.ValueKind == JsonValueKind.String
                && helper.GetString() is { Length: > 0 } command
                ? command
                : null;
        }
        catch (JsonException e)
        {
            problems.Add($"{where} is not valid JSON ({e.Message})");
            return null;
        }
    }
}
