using ClawClip.Core.Pipeline;
using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// The repository's checks (<c>clawclip.yaml</c>'s build and test commands), run one after the other in a
/// folder, each a program and its arguments with its own timeout; the first that fails ends the run. Used by the
/// dev→QA check on a task's clone and by the merge gate on the rebased work. The commands are the task's code as much
/// as the repository's (a test the agent wrote, a build script it edited), so with a <see cref="CheckSandbox"/> they
/// run inside the runner's sandbox.
/// </summary>
public sealed class CommandChecks : IWorkChecks
{
    private const int OutputTail = 8000;

    private readonly IProcessRunner runner;
    private readonly IReadOnlyList<IReadOnlyList<string>> commands;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly TimeSpan timeout;
    private readonly CheckSandbox? sandbox;

    /// <param name="runner">Runs the commands.</param>
    /// <param name="commands">Each a program and its arguments; all must exit 0.</param>
    /// <param name="environment">What the commands see of the environment, and nothing else.</param>
    /// <param name="timeout">How long each may run before it is killed, with its children, and counted as failed.</param>
    /// <param name="sandbox">Where they run confined; null: as they are (only for a caller that confines them itself, or a test of the checks' own logic).</param>
    public CommandChecks(IProcessRunner runner, IReadOnlyList<IReadOnlyList<string>> commands, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CheckSandbox? sandbox = null)
    {
        this.runner = runner;
        this.commands = commands;
        this.environment = sandbox?.Environment(environment) ?? environment;
        this.timeout = timeout;
        this.sandbox = sandbox;
    }

    /// <inheritdoc />
    public async Task<CheckReport> RunAsync(string workingDirectory, string? processGroupFile, CancellationToken cancellationToken)
    {
        var confinement = sandbox?.For(Path.GetFullPath(workingDirectory), Toolchains());
        if (sandbox is not null)
        {
            Directory.CreateDirectory(sandbox.Home);
        }

        foreach (var command in commands)
        {
            var spec = ProcessSpec.Create(command[0], [.. command.Skip(1)]) with
            {
                WorkingDirectory = workingDirectory,
                Environment = environment,
                Timeout = timeout,
                GroupFile = processGroupFile,
                Confinement = confinement,
            };
            ProcessResult result;
            try
            {
                result = await runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            }
            catch (ProcessStartException e)
            {
                return new CheckReport(string.Join(' ', command), -1, e.Message, commands.Count);
            }

            if (result.ExitCode != 0 || result.TimedOut)
            {
                var why = result.TimedOut ? $"timed out after {timeout.TotalSeconds:0} s\n" : string.Empty;
                return new CheckReport(string.Join(' ', command), result.ExitCode, why + Tail(result.StandardOutput + result.StandardError), commands.Count);
            }
        }

        return CheckReport.PassedAll(commands.Count);
    }

    // A .NET installed outside the system folders (~/.dotnet, as its install script does) must still be there inside.
    private IEnumerable<string> Toolchains() =>
        environment.TryGetValue("DOTNET_ROOT", out var dotnet) && Path.IsPathRooted(dotnet) && Directory.Exists(dotnet) ? [dotnet] : [];

    private static string Tail(string text) => text.Length <= OutputTail ? text : "…" + text[^OutputTail..];
}
