using System.Diagnostics;

namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>A real git repository in a temporary folder, deleted afterwards.</summary>
public sealed class TempGitRepository : IDisposable
{
    public TempGitRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "clawclip-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Test Person");
        Git("config", "user.email", "person@example.invalid");
        Git("commit", "-q", "--allow-empty", "-m", "initial");
    }

    public string Root { get; }

    /// <summary>The workspace the programs these tests start keep for this repository (under <see cref="TestHome"/>).</summary>
    internal ClawClip.Cli.Workspace Workspace => ClawClip.Cli.Workspace.For(Root, name => name == TestHome.Variable ? TestHome.Root : null);

    /// <summary>Where claw.clip makes the clone of task <paramref name="id"/>: its agent's working directory.</summary>
    public string CloneOf(string id) => Path.Combine(Workspace.Clones, id);

    /// <summary>A folder beside the repository, outside it, for task clones made by a test itself (what claw.clip's workspace holds).</summary>
    public string Clones => Root + "-clones";

    /// <summary>A folder beside the repository for the checks' and the gate's homes.</summary>
    public string Homes => Root + "-homes";

    /// <summary>Runs git in the repository and returns stdout; fails the test on a non-zero exit.</summary>
    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr}");
        return stdout.Result;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
            foreach (var beside in new[] { Clones, Homes }.Where(Directory.Exists))
            {
                Directory.Delete(beside, recursive: true);
            }
        }
        catch (IOException)
        {
            // A killed process may still be letting go of a file; the temp folder is cleaned by the OS.
        }
    }
}
