using System.Text.Json;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>
/// A repository set up for the pipeline with scripted agents: <c>clawclip.yaml</c> with a build and a test
/// check, a dev (<c>dev-1</c>) and a reviewer (<c>qa-1</c>) on the <c>command</c> runtime. Each agent is one bash
/// script that saves every request it gets and then runs the step the test wrote for that call
/// (<c>dev-2.sh</c> for the dev's second run, or <c>dev-default.sh</c>). Steps run in the task's worktree and
/// print the agent's result JSON.
/// </summary>
public sealed class ScriptedTeam : IDisposable
{
    private const string Agent = """
        #!/usr/bin/env bash
        set -eu
        here="$(cd "$(dirname "$0")" && pwd)"
        role="$1"
        # Agents of one role may run side by side: each call takes its number under a lock (mkdir is atomic).
        until mkdir "$here/$role.lock" 2>/dev/null; do sleep 0.01; done
        n=$(( $(cat "$here/$role.count" 2>/dev/null || echo 0) + 1 ))
        echo "$n" > "$here/$role.count"
        rmdir "$here/$role.lock"
        cat > "$here/$role-request-$n.json"
        step="$here/$role-$n.sh"
        [ -f "$step" ] || step="$here/$role-default.sh"
        source "$step"
        """;

    private ScriptedTeam()
    {
        Scripts = Path.Combine(Path.GetTempPath(), "clawclip-agents-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Scripts);
        File.WriteAllText(Path.Combine(Scripts, "agent.sh"), Agent);

        Write("clawclip.yaml", """
            checks:
              build: [/bin/sh, checks/build.sh]
              test: [/bin/sh, checks/test.sh]
            """);
        Write("checks/build.sh", """
            if grep -rq "SYNTAX ERROR" --include=*.txt .; then echo "error CS1002: ; expected (answer.txt:1)" >&2; exit 1; fi
            """);
        Write("checks/test.sh", "exit 0\n");
        WriteAgent("dev-1", "dev");
        WriteAgent("qa-1", "qa");
        WriteAgent("planner", "planner");
        Repository.Git("add", "-A");
        Repository.Git("commit", "-q", "-m", "claw.clip settings and agents");
        Dev("default", Commit("answer.txt", "42", "write the answer"));
        Qa("default", Approve("looks right"));
        Planner("default", TwoTasksPerGoal);
    }

    /// <summary>A planner step: two tasks for the goal in the prompt, the second depending on the first.</summary>
    public const string TwoTasksPerGoal = """
        goal=$(grep -o 'Goal G-[a-z0-9-]*' "$here/planner-request-$n.json" | head -1 | cut -d' ' -f2)
        echo "{\"is_error\":false,\"structured_output\":{\"tasks\":[{\"key\":\"a\",\"title\":\"$goal part a\",\"spec\":\"first half\",\"acceptance\":[\"it exists\"],\"estimate_minutes\":15},{\"key\":\"b\",\"title\":\"$goal part b\",\"spec\":\"second half\",\"acceptance\":[],\"estimate_minutes\":20,\"depends_on\":[\"a\"]}]},\"total_cost_usd\":0.01,\"num_turns\":2}"
        """;

    /// <summary>A dev step that writes a file named for its task, so that tasks never conflict.</summary>
    public const string OneFilePerTask = """
        id=$(grep -o '# T-[0-9]*' "$here/dev-request-$n.json" | head -1 | cut -c3-)
        echo "done" > "work-$id.txt"
        git add -A && git commit -q -m "work for $id"
        echo '{"is_error":false,"result":"done","num_turns":2,"total_cost_usd":0.01}'
        """;

    /// <summary>The repository with its settings, agents and steps, and <c>clawclip init</c> run in it.</summary>
    public static async Task<ScriptedTeam> CreateAsync()
    {
        var team = new ScriptedTeam();
        await team.ClawclipAsync("init");
        return team;
    }

    public TempGitRepository Repository { get; } = new();

    public string Root => Repository.Root;

    /// <summary>Where the agent scripts, their steps and the requests they received live (outside the repository).</summary>
    public string Scripts { get; }

    /// <summary>
    /// Lets <paramref name="agent"/> (dev-1 unless named) earn junior before the test, as its history would have: its approved work then merges with no
    /// person in the loop.
    /// </summary>
    public async Task EarnJuniorAsync(string agent = "dev-1")
    {
        var store = Stores.Open(Repository);
        for (var i = 0; i < TrustRules.Default.InternToJunior; i++)
        {
            await store.RecordOutcomeAsync(AgentId.Parse(agent), TaskId.Parse("T-0001"), true, 0m, "earned before this test", TrustRules.Default, CancellationToken.None);
        }
    }

    /// <summary>
    /// Adds another dev on the same script as dev-1 (its runs count with dev-1's: <c>dev-N.sh</c> is the Nth dev run of
    /// either); commits it on main.
    /// </summary>
    public void AddDev(string name)
    {
        WriteAgent(name, "dev");
        Repository.Git("add", "agents");
        Repository.Git("commit", "-q", "-m", $"another dev: {name}");
    }

    /// <summary>A dev step that writes a file, commits it, and reports success.</summary>
    public static string Commit(string file, string content, string message, decimal cost = 0.0125m, int turns = 3) => $"""
        printf '%s\n' '{content}' > {file}
        git add -A && git commit -q --allow-empty -m '{message}'
        echo '{"{"}"is_error":false,"result":"{message}","session_id":"dev-session-1","total_cost_usd":{cost},"num_turns":{turns}{"}"}'
        """;

    public static string Approve(string summary) =>
        $$"""echo '{"is_error":false,"structured_output":{"verdict":"approve","summary":"{{summary}}","comments":[]},"total_cost_usd":0.002,"num_turns":1}'""" + "\n";

    public static string Revise(string file, int line, string comment) =>
        $$"""echo '{"is_error":false,"structured_output":{"verdict":"revise","summary":"not yet","comments":[{"file":"{{file}}","line":{{line}},"comment":"{{comment}}"}]},"total_cost_usd":0.002,"num_turns":1}'""" + "\n";

    /// <summary>
    /// Adds a dev (or sets one again) running the dev steps, allowed <paramref name="maxConcurrentTasks"/> tasks at
    /// once; commits it on main.
    /// </summary>
    public void SetDev(string name, int maxConcurrentTasks)
    {
        WriteAgent(name, "dev", maxConcurrentTasks);
        Repository.Git("add", "agents");
        Repository.Git("commit", "-q", "-m", $"{name}: {maxConcurrentTasks} task(s) at once");
    }

    /// <summary>Sets <c>dispatch.max_parallel</c> in <c>clawclip.yaml</c> (the checks stay); commits it on main.</summary>
    public void SetMaxParallel(int maxParallel) =>
        Configure($"dispatch:\n  max_parallel: {maxParallel}\n", $"max_parallel: {maxParallel}");

    /// <summary>Sets what the dev does on its <paramref name="call"/>-th run (or <c>default</c>).</summary>
    public void Dev(string call, string step) => File.WriteAllText(Path.Combine(Scripts, $"dev-{call}.sh"), step);

    public void Planner(string call, string step) => File.WriteAllText(Path.Combine(Scripts, $"planner-{call}.sh"), step);

    public void Qa(string call, string step) => File.WriteAllText(Path.Combine(Scripts, $"qa-{call}.sh"), step);

    /// <summary>The requests <paramref name="role"/> received, in order.</summary>
    public IReadOnlyList<JsonElement> Requests(string role)
    {
        var requests = new List<JsonElement>();
        for (var n = 1; File.Exists(Path.Combine(Scripts, $"{role}-request-{n}.json")); n++)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Scripts, $"{role}-request-{n}.json")));
            requests.Add(document.RootElement.Clone());
        }

        return requests;
    }

    public Task<string> ClawclipAsync(params string[] arguments) => Clawclip.OkAsync(Root, arguments);

    public async Task<string> SubmitAsync(string title, params string[] more) =>
        (await ClawclipAsync(["submit", "--title", title, .. more])).Trim();

    public Task<string> RunOnceAsync(params string[] more) => ClawclipAsync(["run", "--once", "--run-timeout", "60s", "--check-timeout", "60s", .. more]);

    /// <summary><c>clawclip run --once</c> with variables added to its environment (and so to its agents', where their files allow).</summary>
    public Task<string> RunOnceAsync(IReadOnlyDictionary<string, string> environment) =>
        Clawclip.OkAsync(Root, environment, "run", "--once", "--run-timeout", "120s", "--check-timeout", "60s");

    /// <summary>Adds a failure policy to <c>clawclip.yaml</c> (the checks stay); commits it on main.</summary>
    public void SetFailurePolicy(string handoff, string onFailure) =>
        Configure($"failure_policy:\n  {handoff}: {onFailure}\n", $"{handoff}: {onFailure}");

    /// <summary>Adds a section to <c>clawclip.yaml</c> (the checks stay); commits it on main.</summary>
    public void Configure(string yaml, string message)
    {
        File.AppendAllText(Path.Combine(Root, "clawclip.yaml"), "\n" + yaml);
        Repository.Git("commit", "-q", "-am", message);
    }

    /// <summary>Makes the dev, the reviewer and the planner Claude Code agents, seeing the variables named; commits the change on main.</summary>
    public void UseClaudeCode(params string[] environmentNames)
    {
        foreach (var (name, role) in new[] { ("dev-1", "dev"), ("qa-1", "qa"), ("planner", "planner") })
        {
            Write($"agents/{name}.yaml", $"""
                name: {name}
                role: {role}
                runtime: claude
                model: sonnet
                env: [{string.Join(", ", environmentNames)}]
                git:
                  name: {name} (claw.clip agent)
                  email: {name}@agents.clawclip.invalid

                """);
        }

        Repository.Git("add", "agents");
        Repository.Git("commit", "-q", "-m", "Claude Code agents");
    }

    /// <summary>The lineage, newest first: <c>author|subject|policy</c> per commit.</summary>
    public IReadOnlyList<string> Lineage() =>
        Repository.Git("log", "clawclip/state", "--format=%an|%s|%(trailers:key=Policy,valueonly,separator=)").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async Task<JsonElement> ShowAsync(string id)
    {
        using var document = JsonDocument.Parse(await ClawclipAsync("show", id, "--json"));
        return document.RootElement.Clone();
    }

    /// <summary>The task's history, one line per event, for assertion messages.</summary>
    public async Task<string> StoryAsync(string id) =>
        string.Join('\n', (await ShowAsync(id)).GetProperty("history").EnumerateArray()
            .Select(e => $"{e.GetProperty("from")} → {e.GetProperty("to")} [{e.GetProperty("policy")}] {e.GetProperty("reason")}"));

    public string StateFile(string relative) => File.ReadAllText(Path.Combine(Root, "state", relative));

    public void Dispose()
    {
        Repository.Dispose();
        try
        {
            Directory.Delete(Scripts, recursive: true);
        }
        catch (IOException)
        {
            // cleaned by the OS with the rest of the temporary folder
        }
    }

    private void WriteAgent(string name, string role, int maxConcurrentTasks = 1) => Write($"agents/{name}.yaml", $"""
        name: {name}
        role: {role}
        max_concurrent_tasks: {maxConcurrentTasks}
        runtime: command
        command: [/bin/bash, {Path.Combine(Scripts, "agent.sh")}, {role}]
        writable_paths: [{Scripts}]
        git:
          name: {name} (claw.clip agent)
          email: {name}@agents.clawclip.invalid

        """);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
