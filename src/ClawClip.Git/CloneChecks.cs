using ClawClip.Core.Pipeline;
using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// The dev→QA checks in a task's clone, confined: the clone and the checks' home writable, the object store the clone
/// borrows readable, nothing else of the repository, <c>state/</c> or the person's home there.
/// </summary>
public sealed class CloneChecks : IWorkChecks
{
    private readonly IProcessRunner runner;
    private readonly GitWorktrees clones;
    private readonly IReadOnlyList<IReadOnlyList<string>> commands;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly TimeSpan timeout;
    private readonly string home;

    /// <param name="runner">Runs the commands; its sandbox confines them.</param>
    /// <param name="clones">The task clones the checks run in.</param>
    /// <param name="commands">Each a program and its arguments; all must exit 0.</param>
    /// <param name="environment">What the commands see of the environment (HOME and the caches are moved to <paramref name="home"/>).</param>
    /// <param name="timeout">How long each may run.</param>
    /// <param name="home">The checks' HOME, kept between runs (package caches).</param>
    public CloneChecks(IProcessRunner runner, GitWorktrees clones, IReadOnlyList<IReadOnlyList<string>> commands, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string home)
    {
        this.runner = runner;
        this.clones = clones;
        this.commands = commands;
        this.environment = environment;
        this.timeout = timeout;
        this.home = home;
    }

    /// <inheritdoc />
    public async Task<CheckReport> RunAsync(string workingDirectory, string? processGroupFile, CancellationToken cancellationToken)
    {
        var sandbox = new CheckSandbox(home, await clones.BorrowedAsync(cancellationToken).ConfigureAwait(false));
        return await new CommandChecks(runner, commands, environment, timeout, sandbox).RunAsync(workingDirectory, processGroupFile, cancellationToken).ConfigureAwait(false);
    }
}
