using ClawClip.Agents;
using ClawClip.Core.Agents;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// Whether a <c>claude</c> agent can log in without a person: a key or token among the variables it gets (only those
/// its file lists under <c>env</c>, from the daemon's environment), or an <c>apiKeyHelper</c> in the settings it reads.
/// A login kept in the macOS keychain does not reach a background job, so it does not count.
/// </summary>
internal static class ClaudeAuthCheck
{
    public const string Name = "auth";

    /// <summary>Variables that carry a credential Claude Code uses without a keychain.</summary>
    public static IReadOnlyList<string> CredentialVariables { get; } = ["ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_AUTH_TOKEN"];

    private static readonly (string Variable, string Provider)[] Providers =
    [
        ("CLAUDE_CODE_USE_BEDROCK", "Amazon Bedrock"),
        ("CLAUDE_CODE_USE_VERTEX", "Google Vertex AI"),
    ];

    public static async Task<CheckResult> RunAsync(DoctorContext context, AgentDefinition agent, CancellationToken cancellationToken)
    {
        var environment = AgentEnvironment.For(agent, context.Variables);
        var name = agent.Name.Value;
        var file = $"agents/{name}.yaml";
        foreach (var variable in CredentialVariables)
        {
            if (environment.TryGetValue(variable, out var value) && value.Length > 0)
            {
                return CheckResult.Ok(Name, $"{name} gets {variable} (listed under env: in {file}, set in the environment of {context.ProcessName})", name);
            }
        }

        foreach (var (variable, provider) in Providers)
        {
            if (environment.TryGetValue(variable, out var value) && value is "1" or "true")
            {
                return CheckResult.Ok(Name, $"{name} uses {provider} ({variable}); its cloud credentials are not checked here", name);
            }
        }

        var search = await ClaudeSettings.FindHelperAsync(context, environment, cancellationToken).ConfigureAwait(false);
        if (search.File is { } settings)
        {
            return Helper(name, settings, search.Helper!);
        }

        var notes = string.Concat(search.Problems.Select(p => $"; {p}"));
        if (search.OnlyInCheckout is { } local)
        {
            notes += $"; {local} in your checkout sets apiKeyHelper, but {context.Target} does not have it and agents work in worktrees of {context.Target}";
        }

        var configFolder = ClaudeSettings.ConfigFolder(environment);
        if (!OperatingSystem.IsMacOS() && configFolder is not null && File.Exists(Path.Combine(configFolder, ".credentials.json")))
        {
            return CheckResult.Warn(Name, $"{name} relies on an interactive login ({Path.Combine(configFolder, ".credentials.json")}), which lasts only as long as its token refreshes{notes}",
                $"for a daemon, prefer a long-lived token: run `claude setup-token`; {DoctorContext.DaemonEnvironmentFix("CLAUDE_CODE_OAUTH_TOKEN")}; list it in {file}: env: [{string.Join(", ", agent.EnvironmentNames.Append("CLAUDE_CODE_OAUTH_TOKEN"))}]", name);
        }

        var unlisted = CredentialVariables.Where(v => !agent.EnvironmentNames.Contains(v) && context.Variables(v) is { Length: > 0 }).ToArray();
        if (unlisted.Length > 0)
        {
            var variable = unlisted[0];
            return CheckResult.Fail(Name,
                $"{name} gets no credentials: {context.ProcessName} has {variable}, but {file} does not list it under env:, and an agent sees only the variables its file lists{notes}",
                $"add it to {file}: env: [{string.Join(", ", agent.EnvironmentNames.Append(variable))}]", name);
        }

        var listed = CredentialVariables.Where(agent.EnvironmentNames.Contains).ToArray();
        if (listed.Length > 0)
        {
            var variable = listed[0];
            var state = context.Variables(variable) is null ? "has no such variable" : "has it empty";
            return CheckResult.Fail(Name, $"{name} gets no credentials: {file} lists {variable} under env:, but {context.ProcessName} {state}{notes}", DoctorContext.DaemonEnvironmentFix(variable), name);
        }

        return CheckResult.Fail(Name,
            $"{name} has no credentials a background job can use: none of {string.Join(", ", CredentialVariables)} is listed under env: in {file}, and no Claude Code settings it reads set apiKeyHelper (a login kept in the macOS keychain does not reach a background job){notes}",
            $"run `claude setup-token`; {DoctorContext.DaemonEnvironmentFix("CLAUDE_CODE_OAUTH_TOKEN")}; add it to {file}: env: [{string.Join(", ", agent.EnvironmentNames.Append("CLAUDE_CODE_OAUTH_TOKEN"))}]; or set apiKeyHelper in {(configFolder is null ? "~/.claude" : configFolder)}/settings.json",
            name);
    }

    private static CheckResult Helper(string name, string settings, string helper)
    {
        // A helper is a shell command; only an absolute program path can be checked without running it.
        var program = helper.Trim().Split(' ', 2)[0];
        if (Path.IsPathRooted(program) && !File.Exists(program))
        {
            return CheckResult.Fail(Name, $"{name}'s apiKeyHelper in {settings} runs {program}, which does not exist", $"create {program}, or fix apiKeyHelper in {settings}", name);
        }

        return CheckResult.Ok(Name, $"{name} gets its key from the apiKeyHelper in {settings}", name);
    }
}
