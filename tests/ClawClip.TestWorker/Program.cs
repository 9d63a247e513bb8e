// A worker process for the end-to-end tests.
//   claim-all REPO AGENT             claim until nothing is left; print each claimed id on stdout
//   crash REPO AGENT STEP MARKER     claim one task and, at STEP, write MARKER and hang until killed
using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State;

var (mode, repo, agentName) = (args[0], args[1], AgentId.Parse(args[2]));
var observer = mode == "crash" ? new HangAt(Enum.Parse<TransitionStep>(args[3]), args[4]) : ITransitionObserver.None;
var store = new FileStateStore(
    new StateLayout(repo),
    new GitLineageBranch(new GitCli(repo, new ProcessRunner())),
    TimeProvider.System,
    new StateStoreOptions { Observer = observer, BacklogIndexMaxAge = TimeSpan.FromSeconds(1) });
var request = new ClaimRequest(agentName, new HashSet<string>(), Tier.Intern);

while (true)
{
    var result = await store.ClaimNextAsync(request, CancellationToken.None);
    if (result is not ClaimResult.Claimed claimed)
    {
        Console.Error.WriteLine($"{agentName}: {result}");
        break;
    }

    Console.WriteLine(claimed.Task.Id.Value);
    if (mode == "crash")
    {
        break;
    }
}

return 0;

/// <summary>Stops the process at one step of a transition so that the test can SIGKILL it exactly there.</summary>
internal sealed class HangAt(TransitionStep step, string marker) : ITransitionObserver
{
    public void At(TransitionStep reached, string subject)
    {
        if (reached != step)
        {
            return;
        }

        File.WriteAllText(marker, $"{reached} {subject}");
        Thread.Sleep(Timeout.Infinite);
    }
}
