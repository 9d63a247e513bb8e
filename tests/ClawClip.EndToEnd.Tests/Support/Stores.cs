using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State;

namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>Real stores over real repositories, as a process of claw.clip would open them.</summary>
public static class Stores
{
    public static GitLineageBranch Branch(TempGitRepository repository) => new(new GitCli(repository.Root, new ProcessRunner()));

    public static FileStateStore Open(TempGitRepository repository, TimeProvider? time = null, StateStoreOptions? options = null) =>
        new(new StateLayout(repository.Root), Branch(repository), time ?? TimeProvider.System, options);

    /// <summary>A store on an initialized state folder, with <paramref name="tasks"/> tasks in the backlog and committed.</summary>
    public static async Task<FileStateStore> InitializedWithTasksAsync(TempGitRepository repository, int tasks)
    {
        var store = Open(repository, options: new StateStoreOptions { FlushAfterEachChange = false });
        await store.WriteReadmeAsync("# state\n", Actor.ClawClip, CancellationToken.None);
        for (var i = 1; i <= tasks; i++)
        {
            var definition = new TaskDefinition($"task {i}", "spec", [], TaskDefinition.DefaultPriority, [], null, [], TaskDefinition.DefaultMaxAttempts);
            await store.SubmitAsync(definition, Actor.Human, "seeded by the test", CancellationToken.None);
        }

        await store.FlushLineageAsync(CancellationToken.None);
        return store;
    }
}
