using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClawClip.Core.Agents;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Agents.Tests;

/// <summary>
/// What an agent must not reach, laid out as claw.clip lays it out, on a real disk: the person's repository (commits
/// on main, the <c>clawclip/state</c> branch, <c>state/agents/dev-1/trust.json</c>, <c>clawclip.yaml</c>,
/// <c>agents/dev-1.yaml</c>), the person's home with canary secrets in <c>.ssh</c>, <c>.aws</c> and
/// <c>.git-credentials</c>, a stand-in daemon with a canary in its environment, and, in a separate folder, the task's
/// clone (its own repository, borrowing the repository's objects through <c>objects/info/alternates</c>, on
/// <c>task/T-0001</c> at the base commit) beside another task's clone. <see cref="Fingerprint"/> hashes everything the
/// agent must leave alone.
/// </summary>
internal sealed class BoundaryScene : IDisposable
{
    private static readonly ProcessRunner Plain = new(Unconfined.Instance);

    private readonly string root;
    private readonly Process daemon;

    private BoundaryScene(string root, string tag, Process daemon)
    {
        this.root = root;
        this.daemon = daemon;
        Tag = tag;
        Repository = Path.Combine(root, "person", "app");
        PersonHome = Path.Combine(root, "person", "home");
        Clone = Path.Combine(root, "workspace", "clones", "T-0001");
        OtherClone = Path.Combine(root, "workspace", "clones", "T-0002");
        AgentHome = Path.Combine(root, "workspace", "homes", "agents", "dev-1");
        Scripts = Path.Combine(root, "scripts");
    }

    /// <summary>What every canary of this scene contains, so that a leak of any of them is found in an agent's output.</summary>
    public string Tag { get; }

    public string Repository { get; }

    /// <summary>The person's HOME: what the daemon's own HOME is, and what the agent is given as HOME before its sandbox replaces it.</summary>
    public string PersonHome { get; }

    public string Clone { get; }

    public string OtherClone { get; }

    public string AgentHome { get; }

    public string Scripts { get; }

    /// <summary>The repository's object store, which the clone borrows: the only part of the repository its sandbox shows.</summary>
    public string RepositoryObjects => Path.Combine(Repository, ".git", "objects");

    /// <summary>The canary values: the daemon's secret, the SSH key, the AWS key, the git credential, the person's Claude login.</summary>
    public IReadOnlyList<string> Canaries => [DaemonSecret, $"ssh-{Tag}", $"aws-{Tag}", $"git-{Tag}", $"claude-{Tag}"];

    /// <summary>The daemon's secret: in this test process's environment and in the stand-in daemon's, never an agent's.</summary>
    public string DaemonSecret => $"daemon-{Tag}";

    /// <summary>The name of the environment variable that holds <see cref="DaemonSecret"/>.</summary>
    public string DaemonSecretVariable => "CLAWCLIP_BOUNDARY_SECRET_" + Tag.ToUpperInvariant();

    public static async Task<BoundaryScene> CreateAsync()
    {
        var root = Directory.CreateTempSubdirectory("clawclip-boundary-").FullName;
        var tag = "canary" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

        // .NET keeps its own copy of the environment, which /proc/<pid>/environ does not show: the secret is set here
        // for what the runtimes could pass on, and given at start to a stand-in daemon for what /proc would reveal.
        var secretVariable = "CLAWCLIP_BOUNDARY_SECRET_" + tag.ToUpperInvariant();
        Environment.SetEnvironmentVariable(secretVariable, $"daemon-{tag}");
        var start = new ProcessStartInfo("/bin/sleep", "300") { UseShellExecute = false };
        start.Environment[secretVariable] = $"daemon-{tag}";
        var scene = new BoundaryScene(root, tag, Process.Start(start)!);
        try
        {
            await scene.BuildAsync();
            return scene;
        }
        catch
        {
            scene.Dispose();
            throw;
        }
    }

    /// <summary>The agent's sandbox as claw.clip gives it: its home under the workspace's agent homes.</summary>
    public AgentSandbox Sandbox() => new(AgentHome);

    /// <summary>A run in the task's clone with what claw.clip gives a <c>dev-1</c> run: the daemon's PATH, HOME and LANG, its git identity, the borrowed objects.</summary>
    public AgentRunRequest Request(IReadOnlyDictionary<string, string>? environment = null, TierPolicy? policy = null)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = PersonHome,
            ["LANG"] = "C.UTF-8",
            ["GIT_AUTHOR_NAME"] = "dev-1",
            ["GIT_AUTHOR_EMAIL"] = "dev-1@agents.clawclip.invalid",
            ["GIT_COMMITTER_NAME"] = "dev-1",
            ["GIT_COMMITTER_EMAIL"] = "dev-1@agents.clawclip.invalid",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return new AgentRunRequest(AgentId.Parse("dev-1"), "Implement the parser.", "You are dev-1.", Clone, variables, policy ?? TierPolicy.For(Tier.Intern), TimeSpan.FromMinutes(2))
        {
            ReadOnlyPaths = [RepositoryObjects],
        };
    }

    /// <summary>
    /// Every file, folder and link of the repository (its <c>.git</c> whole: refs, packed-refs, config, hooks, objects),
    /// of <c>state/</c> in it, of the person's home and of the other task's clone: path → kind, mode and SHA-256.
    /// </summary>
    public IReadOnlyDictionary<string, string> Fingerprint()
    {
        var prints = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var top in new[] { Repository, PersonHome, OtherClone })
        {
            prints[top] = "folder";
            foreach (var entry in new DirectoryInfo(top).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                prints[entry.FullName] = entry switch
                {
                    _ when entry.LinkTarget is { } target => "link " + target,
                    DirectoryInfo => "folder " + Mode(entry),
                    _ => $"file {Mode(entry)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(entry.FullName)))}",
                };
            }
        }

        return prints;
    }

    /// <summary>What changed between two fingerprints, one line per path, for a failure message.</summary>
    public static string Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        string.Join('\n', before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(path => before.GetValueOrDefault(path) != after.GetValueOrDefault(path))
            .Select(path => $"{path}: {before.GetValueOrDefault(path) ?? "(absent)"} → {after.GetValueOrDefault(path) ?? "(absent)"}"));

    /// <summary>Runs git as claw.clip itself would, outside any sandbox, and returns its standard output.</summary>
    public async Task<string> GitAsync(string folder, params string[] arguments)
    {
        var spec = ProcessSpec.Create("git", ["-c", "core.hooksPath=/dev/null", .. arguments]) with
        {
            WorkingDirectory = folder,
            Environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
                ["HOME"] = PersonHome,
                ["GIT_CONFIG_NOSYSTEM"] = "1",
                ["GIT_AUTHOR_NAME"] = "person",
                ["GIT_AUTHOR_EMAIL"] = "person@example.invalid",
                ["GIT_COMMITTER_NAME"] = "person",
                ["GIT_COMMITTER_EMAIL"] = "person@example.invalid",
                ["GIT_INDEX_FILE"] = GitIndex ?? Path.Combine(folder, ".git", "index"),
            },
        };
        return (await Plain.RunAsync(spec, CancellationToken.None)).EnsureSuccess(spec).StandardOutput.Trim();
    }

    /// <summary>An executable bash script in <see cref="Scripts"/>, outside everything the agent may see but its own program.</summary>
    public string WriteScript(string name, string body)
    {
        Directory.CreateDirectory(Scripts);
        var path = Path.Combine(Scripts, name);
        File.WriteAllText(path, "#!/bin/bash\n" + body.Replace("\r", string.Empty, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows()) // claw.clip runs on Linux and macOS; the script is bash
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public void Dispose()
    {
        if (!daemon.HasExited)
        {
            daemon.Kill();
            daemon.WaitForExit();
        }

        daemon.Dispose();
        Environment.SetEnvironmentVariable(DaemonSecretVariable, null);

        Directory.Delete(root, recursive: true);
    }

    // Set while the lineage commit is built in an index of its own, as claw.clip builds it: never the person's index.
    private string? GitIndex { get; set; }

    private static string Mode(FileSystemInfo entry) => Convert.ToString((int)entry.UnixFileMode, 8);

    private async Task BuildAsync()
    {
        Directory.CreateDirectory(Repository);
        await GitAsync(Repository, "init", "-q", "-b", "main");
        Write(Repository, ".gitignore", "state/*\n!state/README.md\n");
        Write(Repository, "README.md", "# app\n");
        Write(Repository, "clawclip.yaml", "checks:\n  build: [dotnet, build]\n  test: [dotnet, test]\n");
        Write(Repository, "agents/dev-1.yaml", "name: dev-1\nrole: dev\nmodel: sonnet\ngit: {name: dev-1 (claw.clip agent), email: dev-1@agents.clawclip.invalid}\n");
        Write(Repository, "src/parser.txt", "the parser\n");
        await GitAsync(Repository, "add", "-A");
        await GitAsync(Repository, "commit", "-q", "-m", "The start");
        Write(Repository, "src/parser.txt", "the parser, second draft\n");
        await GitAsync(Repository, "commit", "-q", "-am", "The parser, second draft");
        var baseCommit = await GitAsync(Repository, "rev-parse", "HEAD");

        // The state folder on disk, and the lineage branch holding it.
        Write(Repository, "state/agents/dev-1/trust.json", """{"schema":1,"tier":"intern","successes":0,"failures":0}""" + "\n");
        Write(Repository, "state/tasks/running/T-0001.json", """{"schema":1,"id":"T-0001","status":"running"}""" + "\n");
        Write(Repository, "state/tasks/backlog/T-0002.json", """{"schema":1,"id":"T-0002","status":"backlog"}""" + "\n");
        GitIndex = Path.Combine(root, "lineage-index");
        await GitAsync(Repository, "add", "-f", "state");
        var tree = await GitAsync(Repository, "write-tree");
        GitIndex = null;
        File.Delete(Path.Combine(root, "lineage-index"));
        var lineage = await GitAsync(Repository, "commit-tree", tree, "-m", "T-0001 claimed → running");
        await GitAsync(Repository, "update-ref", "refs/heads/clawclip/state", lineage);

        // The person's home, with what must never leave it.
        Write(PersonHome, ".ssh/id_rsa", $"-----BEGIN OPENSSH PRIVATE KEY-----\nssh-{Tag}\n-----END OPENSSH PRIVATE KEY-----\n");
        Write(PersonHome, ".aws/credentials", $"[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = aws-{Tag}\n");
        Write(PersonHome, ".git-credentials", $"https://person:git-{Tag}@github.com\n");
        Write(PersonHome, ".claude/.credentials.json", "{\"claudeAiOauth\":{\"accessToken\":\"claude-" + Tag + "\"}}\n");

        // The task's clone as helper "clone" makes it: a repository of its own borrowing the objects, on its task branch.
        Directory.CreateDirectory(Clone);
        await GitAsync(Clone, "init", "-q", "-b", "task/T-0001");
        File.WriteAllText(Path.Combine(Clone, ".git", "objects", "info", "alternates"), RepositoryObjects + "\n");
        await GitAsync(Clone, "update-ref", "refs/heads/task/T-0001", baseCommit);
        await GitAsync(Clone, "reset", "-q", "--hard");
        Write(OtherClone, "work.txt", "T-0002's own work\n");
    }

    private static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }
}
