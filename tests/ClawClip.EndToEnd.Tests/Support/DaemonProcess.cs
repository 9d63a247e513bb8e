using System.Diagnostics;
using System.Text;

namespace ClawClip.EndToEnd.Tests.Support;

/// <summary><c>clawclip daemon</c> as a real process, its output collected, stopped with real signals.</summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private DaemonProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>What it printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static DaemonProcess Start(string root, params string[] options) =>
        new(DotnetProgram.Start("clawclip", ["daemon", .. options], root));

    /// <summary>Starts it with variables added to its environment (and so to its agents', where their files name them).</summary>
    public static DaemonProcess Start(string root, IReadOnlyDictionary<string, string> environment, params string[] options) =>
        new(DotnetProgram.Start("clawclip", ["daemon", .. options], root, environment));

    /// <summary>Sends SIGTERM, as launchd and systemd do to stop a job.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
