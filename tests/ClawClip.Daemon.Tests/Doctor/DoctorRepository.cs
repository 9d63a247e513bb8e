using System.Diagnostics;
using ClawClip.Daemon.Doctor;

namespace ClawClip.Daemon.Tests.Doctor;

/// <summary>
/// A real git repository in a temporary folder, set up as <c>clawclip init</c> leaves one (state/README.md, the branch
/// clawclip/state) with a clawclip.yaml, and a HOME of its own so that the person's Claude Code settings never count.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DoctorRepository : IDisposable
{
    public DoctorRepository()
    {
        Top = Path.Combine(Path.GetTempPath(), "clawclip-doctor-" + Guid.NewGuid().ToString("N")[..12]);
        Root = Path.Combine(Top, "repo");
        Home = Path.Combine(Top, "home");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Home);
        Git("init", "-q", "-b", "main");
        Write("clawclip.yaml", "checks:\n  build: [/bin/true]\n");
        Write("state/README.md", "state\n");
        Directory.CreateDirectory(Path.Combine(Root, "agents"));
        Git("add", "clawclip.yaml");
        Git("commit", "-q", "-m", "initial");
        Git("branch", "clawclip/state");
    }

    public string Top { get; }

    public string Root { get; }

    public string Home { get; }

    /// <summary>The environment of the process running the checks; tests add what they need.</summary>
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public DoctorContext Context(CheckedBy checkedBy = CheckedBy.Command)
    {
        var variables = new Dictionary<string, string>(Variables, StringComparer.Ordinal);
        variables.TryAdd("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        variables.TryAdd("HOME", Home);
        return new DoctorContext
        {
            RepositoryRoot = Root,
            CheckedBy = checkedBy,
            Variables = name => variables.GetValueOrDefault(name),
            ManagedSettingsFiles = [Path.Combine(Top, "managed-settings.json")],
        };
    }

    /// <summary>Writes <c>agents/&lt;name&gt;.yaml</c>: a claude agent, or a command agent when <paramref name="command"/> is given.</summary>
    public void Agent(string name, string? command = null, string env = "[]")
    {
        var runtime = command is null ? "runtime: claude\nmodel: sonnet\n" : $"runtime: command\ncommand: {command}\n";
        Write($"agents/{name}.yaml", $"name: {name}\nrole: dev\n{runtime}skills: [csharp]\nenv: {env}\ngit: {{name: {name}, email: {name}@agents.clawclip.invalid}}\n");
    }

    /// <summary>An executable script in the temporary folder (outside the repository).</summary>
    public string Script(string name, string body)
    {
        var path = Path.Combine(Top, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.invalid", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {error}");
        return output.Result;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Top, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system to clean.
        }
    }
}
