using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// Protected paths and the merge gate's refusals through <c>clawclip run --once</c>, <c>approve</c> and <c>merge</c>,
/// with a principal dev (whose work otherwise lands with no person in the loop) scripted to make the move. main is
/// compared by its commit (and so its whole tree) before and after.
/// </summary>
public sealed class ProtectedPathTests : IAsyncLifetime
{
    private ScriptedTeam team = null!;

    public async Task InitializeAsync()
    {
        team = await ScriptedTeam.CreateAsync();
        await EarnPrincipalAsync();
    }

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_APrincipalsChangeToClawclipYaml_WaitsForApprove_NamingThePath_AndLandsAfterIt()
    {
        var id = await team.SubmitAsync("Tune the settings");
        team.Dev("default", """
            printf '\n# tuned by the dev\n' >> clawclip.yaml
            printf '42\n' > answer.txt
            git add -A && git commit -q -m 'tune the settings'
            echo '{"is_error":false,"result":"tuned","session_id":"dev-session-1","total_cost_usd":0.01,"num_turns":2}'
            """);
        var mainBefore = Main();

        await team.RunOnceAsync();

        var story = await team.StoryAsync(id);
        var task = await team.ShowAsync(id);
        Assert.True(task.GetProperty("task").GetProperty("status").GetString() == "needs-input", story);
        Assert.Equal(mainBefore, Main());
        var held = task.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("protected-path", held.GetProperty("policy").GetString());
        Assert.Contains("clawclip.yaml", held.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains($"clawclip approve {id}", held.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // The lineage commit that parks it carries the rule and names the path.
        var parked = team.Repository.Git("log", "-1", $"--grep={id} merging → needs-input", "--format=%(trailers:key=Policy,valueonly,separator=)|%(trailers:key=Data,valueonly,separator=)|%(trailers:key=Tier,valueonly,separator=)|%b", "clawclip/state");
        Assert.StartsWith($"protected-path|task/{id}; protected: clawclip.yaml|", parked, StringComparison.Ordinal);
        Assert.Contains("clawclip.yaml", parked.Split('|')[3], StringComparison.Ordinal);

        // Another pass changes nothing: it still waits for a person.
        await team.ClawclipAsync("merge");
        Assert.Equal(mainBefore, Main());

        await team.ClawclipAsync("approve", id);
        await team.ClawclipAsync("merge");

        var landed = await team.ShowAsync(id);
        Assert.True(landed.GetProperty("task").GetProperty("status").GetString() == "done", await team.StoryAsync(id));
        Assert.Contains("# tuned by the dev", team.Repository.Git("show", "main:clawclip.yaml"), StringComparison.Ordinal);
        Assert.Contains($"human|{id} needs-input → merging|person.approve", team.Lineage());
    }

    [Fact]
    public async Task RunOnce_APrincipalsSymlinkToEtcPasswd_NeverLands_TheTaskFailsNamingIt_WhileALinkInTheTreeLands()
    {
        var id = await team.SubmitAsync("Link the accounts");
        team.Dev("default", """
            ln -s /etc/passwd accounts.txt
            git add -A && git commit -q -m 'link the accounts'
            echo '{"is_error":false,"result":"linked","session_id":"dev-session-1","total_cost_usd":0.01,"num_turns":2}'
            """);
        var mainBefore = Main();
        var treeBefore = team.Repository.Git("ls-tree", "-r", "main");

        await team.RunOnceAsync();

        var story = await team.StoryAsync(id);
        var task = await team.ShowAsync(id);
        Assert.True(task.GetProperty("task").GetProperty("status").GetString() == "failed", story);
        var failed = task.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("merge.refused", failed.GetProperty("policy").GetString());
        Assert.Contains("accounts.txt is a symlink that points to '/etc/passwd'", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(mainBefore, Main());
        Assert.Equal(treeBefore, team.Repository.Git("ls-tree", "-r", "main"));
        Assert.DoesNotContain("120000", team.Repository.Git("log", "--format=", "--raw", "main"), StringComparison.Ordinal);

        // The same move, pointing inside the tree, lands: the gate refuses the target, not links.
        var twin = await team.SubmitAsync("Link the readme");
        team.Dev("default", """
            mkdir -p docs && ln -s ../clawclip.yaml docs/settings.yaml
            git add -A && git commit -q -m 'link the settings'
            echo '{"is_error":false,"result":"linked","session_id":"dev-session-2","total_cost_usd":0.01,"num_turns":2}'
            """);

        await team.RunOnceAsync();

        var twinTask = await team.ShowAsync(twin);
        Assert.True(twinTask.GetProperty("task").GetProperty("status").GetString() == "done", await team.StoryAsync(twin));
        Assert.StartsWith("120000 ", team.Repository.Git("ls-tree", "main", "docs/settings.yaml"), StringComparison.Ordinal);
    }

    private string Main() => team.Repository.Git("rev-parse", "main").Trim();

    // dev-1 earns principal as its history would have: a principal's approved work lands with no person in the loop.
    private async Task EarnPrincipalAsync()
    {
        var store = Stores.Open(team.Repository);
        var dev = AgentId.Parse("dev-1");
        var rules = TrustRules.Default;
        for (var i = 0; i < rules.InternToJunior + rules.JuniorToSenior + rules.SeniorToPrincipal; i++)
        {
            await store.RecordOutcomeAsync(dev, TaskId.Parse("T-0001"), true, 0m, "earned before this test", rules, CancellationToken.None);
        }

        Assert.Equal(Tier.Principal, (await store.ReadTrustAsync(dev, CancellationToken.None)).Tier);
    }
}
