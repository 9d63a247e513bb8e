using ClawClip.Core.Lineage;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State;

namespace ClawClip.Cli;

/// <summary>The repository a command works on, and the state store over it.</summary>
internal sealed class Repository
{
    // The mark of a decision made while agents, checks and the gate ran unconfined (sandbox: off in clawclip.yaml).
    private static readonly Trailer SandboxOff = new("Sandbox", "off");

    private Repository(string root)
    {
        Root = root;
        Git = new GitCli(root, new ProcessRunner());
        Branch = new GitLineageBranch(Git);
        Layout = new StateLayout(root);
        Workspace = Workspace.For(root);
    }

    public string Root { get; }

    public GitCli Git { get; }

    public GitLineageBranch Branch { get; }

    public StateLayout Layout { get; }

    /// <summary>This repository's data outside the checkout: task clones, agents' and checks' homes.</summary>
    public Workspace Workspace { get; }

    /// <summary>The git repository containing <paramref name="start"/> (or the current folder).</summary>
    public static Repository Find(string? start)
    {
        var folder = Path.GetFullPath(start ?? Directory.GetCurrentDirectory());
        if (!Directory.Exists(folder))
        {
            throw new CliException(ExitCodes.NotFound, $"{folder}: no such folder");
        }

        for (var candidate = folder; candidate is not null; candidate = Path.GetDirectoryName(candidate))
        {
            var dotGit = Path.Combine(candidate, ".git");
            if (Directory.Exists(dotGit) || File.Exists(dotGit))
            {
                return new Repository(candidate);
            }
        }

        throw new CliException(ExitCodes.NotInitialized, $"{folder} is not inside a git repository: run `git init` first, or pass --repo");
    }

    /// <summary>
    /// The store, after checking that <c>clawclip init</c> has been run here. Not <paramref name="sandboxed"/> (a
    /// runner under <c>sandbox: off</c>), every lineage commit it writes carries <c>Sandbox: off</c>.
    /// </summary>
    public FileStateStore OpenStore(TimeProvider time, StateStoreOptions? options = null, bool sandboxed = true)
    {
        if (!Directory.Exists(Layout.Root) || !File.Exists(Path.Combine(Layout.Root, "README.md")))
        {
            throw new CliException(ExitCodes.NotInitialized, $"{Root} has no claw.clip state: run `clawclip init` there first");
        }

        return new FileStateStore(Layout, sandboxed ? Branch : new GitLineageBranch(Git) { CommonTrailers = [SandboxOff] }, time, options);
    }

    /// <summary>
    /// The store for the pipeline's runners (<c>run --once</c>, the daemon), after recovering what a crash left. They
    /// write lineage once per step (group commit, <see cref="ClawClip.Core.State.ILineageWriter"/>): each change is
    /// durable in the journal before its commit is written. Not <paramref name="sandboxed"/>, each commit says <c>Sandbox: off</c>.
    /// </summary>
    public async Task<FileStateStore> OpenStoreForRunnersAsync(bool sandboxed, CancellationToken cancellationToken)
    {
        var store = OpenStore(TimeProvider.System, new StateStoreOptions { FlushAfterEachChange = false }, sandboxed);
        await store.RecoverAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }
}
