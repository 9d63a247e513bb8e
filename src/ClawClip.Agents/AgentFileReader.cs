using System.Globalization;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using YamlDotNet.RepresentationModel;

namespace ClawClip.Agents;

/// <summary>
/// Turns the text of one agent file into an <see cref="AgentDefinition"/>, or an
/// <see cref="AgentDefinitionException"/> naming the line and the fix. It reads YAML's node tree rather
/// than deserializing into classes, so that every key and value keeps its line.
/// </summary>
internal static class AgentFileReader
{
    private static readonly string[] Keys =
        ["name", "role", "runtime", "model", "command", "skills", "system_prompt_file", "max_concurrent_tasks", "availability", "git", "env", "writable_paths", "readable_paths", "network"];

    private static readonly string[] GitKeys = ["name", "email"];

    public static ParsedAgent Read(YamlSource source, string text)
    {
        var root = YamlDocument.RootMapping(source, text,
            "an agent file holds one mapping, so remove the '---' and what follows or move it to its own file",
            "name: dev-1, role: dev, …")
            ?? throw source.Fail("the file is empty; write the agent's keys, starting with name: and role: (see agents/dev-1.yaml)");
        var agent = new YamlMapping(source, root, "", Keys);
        var stem = Path.GetFileNameWithoutExtension(source.File);

        var nameNode = agent.Required("name", $"name: {stem}");
        var nameText = agent.Scalar("name", nameNode, $"name: {stem}");
        if (!AgentId.TryParse(nameText, out var name))
        {
            throw agent.Fail(nameNode, $"'name' must be lower-case letters, digits, '-' and '_', starting with a letter (like dev-1), not '{nameText}'");
        }

        var role = Role(agent);
        var runtime = Runtime(agent);
        var model = Model(agent, runtime);
        var command = Command(agent, runtime);
        var skills = Names(agent, "skills", "skills: [csharp, docs]", SkillNames.IsValid,
            "is not a skill name; use lower-case letters, digits, '-', '.', '+' or '#' (like csharp)");
        var prompt = PromptFile(agent);
        var maxTasks = MaxConcurrentTasks(agent);
        var availability = agent.Optional("availability") is { } windows ? AvailabilityReader.Read(agent, windows) : [];
        var git = Git(agent, name);
        var environment = Names(agent, "env", "env: [GITHUB_TOKEN]", EnvironmentVariableNames.IsValid,
            "is not an environment variable name; use upper-case letters, digits and '_', not starting with a digit (like GITHUB_TOKEN)");

        var definition = new AgentDefinition(name, role, runtime, model, command, skills, prompt, maxTasks, availability, git, environment)
        {
            WritablePaths = SandboxPaths(agent, "writable_paths", "writable_paths: [~/.cache/pip]"),
            ReadablePaths = SandboxPaths(agent, "readable_paths", "readable_paths: [/srv/datasets, ~/.m2/repository]"),
            Network = Network(agent),
        };
        return new ParsedAgent(source.File, definition, checked((int)nameNode.Start.Line));
    }

    private static AgentRole Role(YamlMapping agent)
    {
        var node = agent.Required("role", "role: dev");
        var text = agent.Scalar("role", node, "role: dev");
        return AgentRoleNames.TryParse(text, out var role)
            ? role
            : throw agent.Fail(node, $"'role' must be one of {string.Join(", ", Enum.GetValues<AgentRole>().Select(r => r.Name()))}, not '{text}'");
    }

    private static AgentRuntime Runtime(YamlMapping agent)
    {
        if (agent.Optional("runtime") is not { } node)
        {
            return AgentRuntime.Claude;
        }

        var text = agent.Scalar("runtime", node, "runtime: claude");
        return AgentRuntimeNames.TryParse(text, out var runtime)
            ? runtime
            : throw agent.Fail(node, $"'runtime' must be claude (the Claude Code CLI) or command (any program, with command: [...]), not '{text}'");
    }

    private static string? Model(YamlMapping agent, AgentRuntime runtime)
    {
        if (runtime is AgentRuntime.Command)
        {
            return agent.Optional("model") is { } given
                ? throw agent.Fail(given, "'model' is only for runtime claude; for runtime command, pass the model among the command's arguments")
                : null;
        }

        var node = agent.Required("model", "model: sonnet");
        var text = agent.Scalar("model", node, "model: sonnet");
        return text.Length > 0 && !text.Any(char.IsWhiteSpace)
            ? text
            : throw agent.Fail(node, $"'model' must be one word naming a model (like sonnet or opus), not '{text}'");
    }

    private static IReadOnlyList<string> Command(YamlMapping agent, AgentRuntime runtime)
    {
        const string Example = "command: [my-agent, --json]";
        if (runtime is AgentRuntime.Claude)
        {
            return agent.Optional("command") is { } given
                ? throw agent.Fail(given, "'command' is only for runtime command; remove it, or set runtime: command to run this program instead of claude")
                : [];
        }

        return agent.CommandLine("command", agent.Required("command", Example), Example);
    }

    private static List<string> Names(YamlMapping agent, string key, string example, Func<string, bool> isValid, string rule)
    {
        if (agent.Optional(key) is not { } node)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var item in agent.ScalarList(key, node, example))
        {
            var name = item.Value!;
            if (!isValid(name))
            {
                throw agent.Fail(item, $"'{name}' in '{key}' {rule}");
            }

            if (names.Contains(name, StringComparer.Ordinal))
            {
                throw agent.Fail(item, $"'{name}' is listed twice in '{key}'; remove one");
            }

            names.Add(name);
        }

        return names;
    }

    /// <summary>
    /// Paths the agent's sandbox adds to its own: absolute, or <c>~/…</c> for the person's home, never the whole
    /// machine or the whole home (that would undo the boundary) and never through <c>..</c>.
    /// </summary>
    private static List<string> SandboxPaths(YamlMapping agent, string key, string example)
    {
        if (agent.Optional(key) is not { } node)
        {
            return [];
        }

        var paths = new List<string>();
        foreach (var item in agent.ScalarList(key, node, example))
        {
            var path = item.Value!;
            var problem = path switch
            {
                _ when path.Trim().Length == 0 => "is empty",
                _ when path.Any(char.IsControl) => "contains a control character",
                _ when !path.StartsWith('/') && !path.StartsWith("~/", StringComparison.Ordinal) && path != "~" => $"'{path}' is neither absolute nor under ~/",
                _ when path.Split('/').Contains("..") => $"'{path}' goes through '..'",
                _ when path.TrimEnd('/') is "" or "~" => $"'{path}' would open the whole {(path.StartsWith('~') ? "home" : "machine")} to the agent",
                _ => null,
            };
            if (problem is not null)
            {
                throw agent.Fail(item, $"'{key}' {problem}; give absolute paths or paths under ~/ (the person's home), like {example}");
            }

            if (paths.Contains(path, StringComparer.Ordinal))
            {
                throw agent.Fail(item, $"'{path}' is listed twice in '{key}'; remove one");
            }

            paths.Add(path);
        }

        return paths;
    }

    private static bool Network(YamlMapping agent)
    {
        if (agent.Optional("network") is not { } node)
        {
            return true;
        }

        var text = agent.Scalar("network", node, "network: open");
        return text switch
        {
            "open" => true,
            "closed" => false,
            _ => throw agent.Fail(node, $"'network' must be open (the default: the agent reaches its model's API) or closed (no network at all), not '{text}'"),
        };
    }

    private static string? PromptFile(YamlMapping agent)
    {
        const string Example = "system_prompt_file: agents/prompts/dev.md";
        if (agent.Optional("system_prompt_file") is not { } node)
        {
            return null;
        }

        var path = agent.Scalar("system_prompt_file", node, Example);
        var problem = path switch
        {
            _ when path.Trim().Length == 0 => "is empty",
            _ when path.StartsWith('/') || path.StartsWith('\\') || (path.Length > 1 && path[1] == ':') => $"is an absolute path ('{path}')",
            _ when path.Contains('\\', StringComparison.Ordinal) => $"uses '\\' ('{path}'); separate folders with '/'",
            _ when path.Split('/').Contains("..") => $"leaves the repository through '..' ('{path}')",
            _ => null,
        };
        return problem is null
            ? path
            : throw agent.Fail(node, $"'system_prompt_file' {problem}; give a path relative to the repository root, inside it, like {Example}");
    }

    private static int MaxConcurrentTasks(YamlMapping agent)
    {
        if (agent.Optional("max_concurrent_tasks") is not { } node)
        {
            return AgentDefinition.DefaultMaxConcurrentTasks;
        }

        var text = agent.Scalar("max_concurrent_tasks", node, "max_concurrent_tasks: 1");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= AgentDefinition.MostConcurrentTasks
            ? count
            : throw agent.Fail(node, $"'max_concurrent_tasks' must be a whole number from 1 to {AgentDefinition.MostConcurrentTasks}, not '{text}'");
    }

    private static AgentIdentity Git(YamlMapping agent, AgentId name)
    {
        var example = $"git: {{name: {name} (claw.clip agent), email: {name}@agents.clawclip.invalid}}";
        var git = agent.Nested("git", agent.Required("git", example), GitKeys, "name and email", example);
        var authorNode = git.Required("name", $"name: {name} (claw.clip agent)");
        var author = git.Scalar("name", authorNode, $"name: {name} (claw.clip agent)");
        if (author.Trim().Length == 0 || author.IndexOfAny(['<', '>', '\n', '\r']) >= 0)
        {
            throw git.Fail(authorNode, $"'git.name' must be one line without '<' or '>', like name: {name} (claw.clip agent), not '{author}'");
        }

        var emailNode = git.Required("email", $"email: {name}@agents.clawclip.invalid");
        var email = git.Scalar("email", emailNode, $"email: {name}@agents.clawclip.invalid");
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == email.Length - 1 || email.IndexOf('@', at + 1) >= 0 || email.Any(c => char.IsWhiteSpace(c) || c is '<' or '>'))
        {
            throw git.Fail(emailNode, $"'git.email' must be one address with a single '@' and no spaces, like email: {name}@agents.clawclip.invalid, not '{email}'");
        }

        return new AgentIdentity(author, email);
    }
}
