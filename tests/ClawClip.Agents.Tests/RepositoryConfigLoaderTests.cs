using ClawClip.Core.Budgets;
using ClawClip.Core.Outages;
using ClawClip.Core.Policies;

namespace ClawClip.Agents.Tests;

public sealed class RepositoryConfigLoaderTests : IDisposable
{
    private const string Full = """
        # Every key.
        checks:
          build: [dotnet, build, --nologo]
          test: [dotnet, test, --nologo, "--filter", "Category!=Slow"]
        failure_policy:
          trigger-to-planner: halt
          planner-to-dev: halt
          dev-to-qa: continue
          qa-to-merge: continue
          merge: halt
        dispatch:
          max_parallel: 4

        """;

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private RepositoryConfig Load(string yaml) => RepositoryConfigLoader.Load(folder.Write("clawclip.yaml", yaml));

    private RepositoryConfigException Fails(string yaml)
    {
        var path = folder.Write("clawclip.yaml", yaml);
        var e = Assert.Throws<RepositoryConfigException>(() => RepositoryConfigLoader.Load(path));
        Assert.Equal(path, e.File);
        return e;
    }

    private static void AssertAt(RepositoryConfigException e, int? line, string fix)
    {
        var prefix = line is null ? $"{e.File}: " : $"{e.File}:{line}: ";
        Assert.StartsWith(prefix, e.Message, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
        Assert.Contains(fix, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenThereIsNoFile_GivesTheDefaultPolicyAndNoChecks()
    {
        var config = RepositoryConfigLoader.Load(Path.Combine(folder.Path, "clawclip.yaml"));

        Assert.Equal(FailurePolicy.Default, config.FailurePolicy);
        Assert.Null(config.BuildCommand);
        Assert.Null(config.TestCommand);
        Assert.Equal(RepositoryConfig.DefaultMaxParallel, config.MaxParallel);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing configured yet\n")]
    [InlineData("checks:\nfailure_policy:\n")]
    public void Load_AFileWithNothingSet_GivesTheDefaults(string yaml)
    {
        var config = Load(yaml);

        Assert.Equal(FailurePolicy.Default, config.FailurePolicy);
        Assert.Null(config.BuildCommand);
        Assert.Null(config.TestCommand);
    }

    [Fact]
    public void Load_AFileWithEveryKey_ReadsEachOfThem()
    {
        var config = Load(Full);

        Assert.Equal(new FailurePolicy(OnFailure.Halt, OnFailure.Halt, OnFailure.Continue, OnFailure.Continue, OnFailure.Halt), config.FailurePolicy);
        Assert.Equal(["dotnet", "build", "--nologo"], config.BuildCommand);
        Assert.Equal(["dotnet", "test", "--nologo", "--filter", "Category!=Slow"], config.TestCommand);
        Assert.Equal(4, config.MaxParallel);
    }

    [Fact]
    public void Load_MergeSetToContinue_IsRefused_SinceMainNeverTakesWorkThatFailedTheGate()
    {
        AssertAt(Fails("failure_policy:\n  merge: continue\n"), 2, "can only be halt: claw.clip never lands work that failed the merge gate");
    }

    [Fact]
    public void Load_OneHandoffSet_KeepsTheDefaultForTheOthers()
    {
        var config = Load("failure_policy:\n  dev-to-qa: continue\n");

        Assert.Equal(FailurePolicy.Default.With(Handoff.DevToQa, OnFailure.Continue), config.FailurePolicy);
        Assert.NotEqual(FailurePolicy.Default, config.FailurePolicy);
        Assert.Null(config.BuildCommand);
        Assert.Null(config.TestCommand);
    }

    [Fact]
    public void Load_OnlyATestCommand_LeavesTheBuildUnsetAndThePolicyDefault()
    {
        var config = Load("checks:\n  test: [make, check]\n");

        Assert.Null(config.BuildCommand);
        Assert.Equal(["make", "check"], config.TestCommand);
        Assert.Equal(FailurePolicy.Default, config.FailurePolicy);
    }

    [Fact]
    public void Load_ACommandArgumentWithSpaces_StaysOneArgument()
    {
        var config = Load("checks:\n  build: [dotnet, build, \"My App.sln\"]\n");

        Assert.Equal(["dotnet", "build", "My App.sln"], config.BuildCommand);
    }

    [Theory]
    [InlineData("dispatch:\n  max_parallel: 1\n", 1)]
    [InlineData("dispatch: {max_parallel: 32}\n", 32)]
    [InlineData("dispatch:\n", RepositoryConfig.DefaultMaxParallel)]
    [InlineData("dispatch: {}\n", RepositoryConfig.DefaultMaxParallel)]
    public void Load_DispatchMaxParallel_IsTheAgentsAtWorkAtOnce(string yaml, int expected)
    {
        Assert.Equal(expected, Load(yaml).MaxParallel);
    }

    [Theory]
    [InlineData("0", "'dispatch.max_parallel' must be a whole number from 1 to 32 (the agents at work at once), not '0'")]
    [InlineData("33", "'dispatch.max_parallel' must be a whole number from 1 to 32 (the agents at work at once), not '33'")]
    [InlineData("-1", "'dispatch.max_parallel' must be a whole number from 1 to 32 (the agents at work at once), not '-1'")]
    [InlineData("two", "'dispatch.max_parallel' must be a whole number from 1 to 32 (the agents at work at once), not 'two'")]
    [InlineData("1.5", "'dispatch.max_parallel' must be a whole number from 1 to 32 (the agents at work at once), not '1.5'")]
    [InlineData("[2]", "'dispatch.max_parallel' must be a single value, like max_parallel: 2, not a list")]
    public void Load_AMaxParallelThatIsNotAWholeNumberInRange_SaysWhatItMustBe(string value, string fix)
    {
        AssertAt(Fails($"checks:\n  build: [make]\ndispatch:\n  max_parallel: {value}\n"), 4, fix);
    }

    [Theory]
    [InlineData("dispatch: 2\n", 1, "'dispatch' must be a mapping of dispatch settings, like dispatch: {max_parallel: 2}")]
    [InlineData("dispatch:\n  max-parallel: 2\n", 2, "unknown key 'max-parallel' in 'dispatch'; did you mean 'max_parallel'? (known keys: max_parallel)")]
    public void Load_ADispatchSectionWrittenWrong_ShowsHowToWriteIt(string yaml, int line, string fix)
    {
        AssertAt(Fails(yaml), line, fix);
    }

    [Theory]
    [InlineData("failure-policy:\n  dev-to-qa: halt\n", 1, "unknown key 'failure-policy'; did you mean 'failure_policy'? (known keys: checks, failure_policy, dispatch, budgets, notifications, outages, protected_paths, sandbox)")]
    [InlineData("checks:\n  build: [make]\n  tests: [make, check]\n", 3, "unknown key 'tests' in 'checks'; did you mean 'test'? (known keys: build, test)")]
    [InlineData("gates: {}\n", 1, "unknown key 'gates' (known keys: checks, failure_policy, dispatch, budgets, notifications, outages, protected_paths, sandbox)")]
    public void Load_AnUnknownKey_SuggestsTheClosestKnownOne(string yaml, int line, string fix)
    {
        AssertAt(Fails(yaml), line, fix);
    }

    [Theory]
    [InlineData("dev-to-q: halt", "unknown handoff 'dev-to-q' in 'failure_policy'; did you mean 'dev-to-qa'?")]
    [InlineData("dev_to_qa: halt", "unknown handoff 'dev_to_qa' in 'failure_policy'; did you mean 'dev-to-qa'?")]
    [InlineData("review-to-merge: halt", "unknown handoff 'review-to-merge' in 'failure_policy' (known handoffs:")]
    public void Load_AnUnknownHandoff_ListsTheValidOnes(string entry, string fix)
    {
        var e = Fails($"failure_policy:\n  merge: halt\n  {entry}\n");

        AssertAt(e, 3, fix);
        Assert.EndsWith("(known handoffs: trigger-to-planner, planner-to-dev, dev-to-qa, qa-to-merge, merge)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stop", "'failure_policy.dev-to-qa' must be continue (warn and go on with the input there is) or halt (stop there), not 'stop'")]
    [InlineData("Halt", "'failure_policy.dev-to-qa' must be continue (warn and go on with the input there is) or halt (stop there), not 'Halt'")]
    [InlineData("true", "must be continue (warn and go on with the input there is) or halt (stop there), not 'true'")]
    [InlineData("[halt]", "'failure_policy.dev-to-qa' must be a single value, like dev-to-qa: halt, not a list")]
    public void Load_APolicyOtherThanContinueOrHalt_SaysWhatItMustBe(string value, string fix)
    {
        AssertAt(Fails($"failure_policy:\n  merge: halt\n  dev-to-qa: {value}\n"), 3, fix);
    }

    [Theory]
    [InlineData("dotnet build", "'checks.build' must be a list, the program first and then each argument, like build: [dotnet, build]; it is never run through a shell")]
    [InlineData("[]", "'checks.build' must start with the program to run, like build: [dotnet, build]")]
    [InlineData("[\" \", build]", "'checks.build' must start with the program to run, like build: [dotnet, build]")]
    [InlineData("[dotnet, [build]]", "each item of 'checks.build' must be a single value, like build: [dotnet, build], not a list")]
    [InlineData("{dotnet: build}", "'checks.build' must be a list, like build: [dotnet, build], not a mapping")]
    public void Load_ACommandThatIsNotANonEmptyListOfStrings_SaysHowToWriteIt(string value, string fix)
    {
        AssertAt(Fails($"checks:\n  test: [dotnet, test]\n  build: {value}\n"), 3, fix);
    }

    [Theory]
    [InlineData("checks: [dotnet, build]\n", "'checks' must be a mapping of build and test commands, like checks: {build: [dotnet, build], test: [dotnet, test]}")]
    [InlineData("failure_policy: halt\n", "'failure_policy' must be a mapping of handoffs to continue or halt, like failure_policy: {dev-to-qa: halt}")]
    public void Load_ASectionThatIsNotAMapping_ShowsHowToWriteIt(string yaml, string fix)
    {
        AssertAt(Fails(yaml), 1, fix);
    }

    [Theory]
    [InlineData("- dev-to-qa\n", "the file must be a mapping of keys to values (checks: …, failure_policy: …), not a list")]
    [InlineData("halt\n", "the file must be a mapping of keys to values (checks: …, failure_policy: …), not a single value")]
    public void Load_AFileThatIsNotAMapping_SaysWhatItMustBe(string yaml, string fix)
    {
        AssertAt(Fails(yaml), 1, fix);
    }

    [Fact]
    public void Load_NoNotificationsSection_ReadsTheDefaultVariableAndSendsTheSummaryAtSix()
    {
        var notifications = Load("checks: {test: [make, check]}\n").Notifications;

        Assert.Equal("CLAWCLIP_WEBHOOK_URL", notifications.WebhookUrlVariable);
        Assert.Equal(new TimeOnly(18, 0), notifications.DailySummaryAt);
    }

    [Fact]
    public void Load_Notifications_ReadsTheVariableAndTheTime()
    {
        var notifications = Load("notifications:\n  webhook_url_env: SLACK_HOOK\n  daily_summary_at: \"07:30\"\n").Notifications;

        Assert.Equal(new NotificationSettings("SLACK_HOOK", new TimeOnly(7, 30)), notifications);
    }

    [Fact]
    public void Load_DailySummaryOff_SendsNone()
    {
        Assert.Null(Load("notifications: {daily_summary_at: off}\n").Notifications.DailySummaryAt);
    }

    [Theory]
    [InlineData("webhook_url_env: https://hooks.slack.com/services/T/B/x", "names the environment variable holding the webhook URL (the URL itself is a secret and stays out of this file)")]
    [InlineData("webhook_url_env: slack_hook", "upper-case letters, digits and '_', not 'slack_hook'")]
    [InlineData("daily_summary_at: 6pm", "'notifications.daily_summary_at' is a local time of day as HH:mm in quotes, like \"18:00\", or off; not '6pm'")]
    [InlineData("daily_summary_at: \"25:00\"", "not '25:00'")]
    [InlineData("webhook: https://example.com", "unknown key 'webhook' in 'notifications' (known keys: webhook_url_env, daily_summary_at)")]
    public void Load_BadNotifications_SayWhatToWrite(string entry, string fix)
    {
        AssertAt(Fails($"notifications:\n  {entry}\n"), 2, fix);
    }

    [Fact]
    public void Load_AWebhookUrlAsTheVariable_IsNotEchoed()
    {
        var e = Fails("notifications: {webhook_url_env: \"https://hooks.slack.com/services/T0/B0/s3cret\"}\n");

        Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYaml_NamesTheLineAndWhatToCheck()
    {
        var e = Fails("checks:\n  build: [dotnet, build]\nfailure_policy:\n  dev-to-qa: \"halt\n");

        AssertAt(e, 4, "not valid YAML: While scanning a quoted scalar, found unexpected end of stream; check the indentation, quoting and brackets on this line and the one before");
    }

    [Fact]
    public void Load_AHandoffSetTwice_NamesTheDuplicate()
    {
        AssertAt(Fails("failure_policy:\n  merge: halt\n  merge: continue\n"), 3, "duplicate key 'merge'; a key may appear once");
    }

    [Fact]
    public void Load_ATabInTheIndentation_SaysToUseSpaces()
    {
        AssertAt(Fails("failure_policy:\n\tmerge: halt\n"), 2, "a tab in the indentation; YAML indents with spaces only");
    }

    [Fact]
    public void Load_ASecondDocument_IsRefused()
    {
        AssertAt(Fails("failure_policy: {merge: halt}\n---\nchecks: {}\n"), 3, "a second YAML document; clawclip.yaml holds one mapping, so remove the '---' and what follows");
    }

    [Fact]
    public void Load_AFolderInsteadOfTheFile_SaysToNameTheFile()
    {
        var e = Assert.Throws<RepositoryConfigException>(() => RepositoryConfigLoader.Load(folder.Path));

        Assert.Equal($"{folder.Path}: is a folder; give the path of the file, like {Path.Combine(folder.Path, "clawclip.yaml")}", e.Message);
        Assert.Null(e.Line);
    }

    [Fact]
    public void Load_TheRepositorysOwnClawclipYaml_HasItsChecksAndTheDefaultPolicy()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ClawClip.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var path = Path.Combine(root.FullName, RepositoryConfigLoader.FileName);
        Assert.True(File.Exists(path), $"{path} does not exist");

        var config = RepositoryConfigLoader.Load(path);

        Assert.Equal(["dotnet", "build", "ClawClip.sln"], config.BuildCommand);
        Assert.Equal(["dotnet", "test", "ClawClip.sln"], config.TestCommand);
        Assert.Equal(FailurePolicy.Default, config.FailurePolicy);
    }

    [Fact]
    public void Load_NoBudgets_LimitsNothing()
    {
        Assert.Same(BudgetLimits.None, Load("checks:\n  test: [make, check]\n").Budgets);
        Assert.Same(BudgetLimits.None, Load("budgets:\n").Budgets);
    }

    [Fact]
    public void Load_EveryBudget_ReadsEachLimitInDollarsAndTokens()
    {
        var budgets = Load("""
            budgets:
              task: {usd: 2.00, tokens: 400000}
              agent_per_day: {usd: 10}
              goal: {tokens: 2000000}
              total: {usd: 200.5}
              warn_at: 0.75

            """).Budgets;

        Assert.Equal(new BudgetLimit(2.00m, 400_000), budgets.Task);
        Assert.Equal(new BudgetLimit(10m, null), budgets.AgentPerDay);
        Assert.Equal(new BudgetLimit(null, 2_000_000), budgets.Goal);
        Assert.Equal(new BudgetLimit(200.5m, null), budgets.Total);
        Assert.Equal(0.75m, budgets.WarnAt);
    }

    [Fact]
    public void Load_BudgetsWithoutWarnAt_WarnAtFourFifths()
    {
        var budgets = Load("budgets: {total: {usd: 200}}\n").Budgets;

        Assert.Equal(0.8m, budgets.WarnAt);
        Assert.Equal(BudgetLimit.None, budgets.Task);
        Assert.True(budgets.IsAnySet);
    }

    [Theory]
    [InlineData("budgets:\n  totl: {usd: 200}\n", 2, "unknown key 'totl' in 'budgets'; did you mean 'total'? (known keys: task, agent_per_day, goal, total, warn_at)")]
    [InlineData("budgets:\n  per_day: {usd: 10}\n", 2, "unknown key 'per_day' in 'budgets'")]
    [InlineData("budgets:\n  task: {dollars: 2}\n", 2, "unknown key 'dollars' in 'budgets.task' (known keys: usd, tokens)")]
    [InlineData("budgets: 200\n", 1, "'budgets' must be a mapping of limits (task, agent_per_day, goal, total) and warn_at, like budgets: {task: {usd: 2.00, tokens: 400000}")]
    [InlineData("budgets:\n  total: 200\n", 2, "'budgets.total' must be a mapping of usd and tokens, like total: {usd: 200}")]
    [InlineData("budgets:\n  task: {}\n", 2, "'budgets.task' sets no limit: give usd, tokens or both, like task: {usd: 2.00, tokens: 400000}, or remove it")]
    [InlineData("budgets:\n  total:\n    usd: $200\n", 3, "'budgets.total.usd' must be an amount of US dollars above 0, written with digits and a point, like usd: 2.50, not '$200'")]
    [InlineData("budgets:\n  total:\n    usd: -5\n", 3, "'budgets.total.usd' must be an amount of US dollars above 0")]
    [InlineData("budgets:\n  total:\n    usd: 0\n", 3, "'budgets.total.usd' must be an amount of US dollars above 0")]
    [InlineData("budgets:\n  total:\n    usd: [200]\n", 3, "'budgets.total.usd' must be a single value, like usd: 2.50, not a list")]
    [InlineData("budgets:\n  task:\n    tokens: 400k\n", 3, "'budgets.task.tokens' must be a whole number of tokens above 0, written with digits only, like tokens: 400000, not '400k'")]
    [InlineData("budgets:\n  task:\n    tokens: 1.5\n", 3, "'budgets.task.tokens' must be a whole number of tokens above 0")]
    [InlineData("budgets:\n  warn_at: 80%\n", 2, "'budgets.warn_at' must be the share of a limit at which to warn, above 0 and at most 1, like warn_at: 0.8 (80%), not '80%'")]
    [InlineData("budgets:\n  warn_at: 1.5\n", 2, "'budgets.warn_at' must be the share of a limit at which to warn, above 0 and at most 1")]
    [InlineData("budgets:\n  warn_at: 0\n", 2, "'budgets.warn_at' must be the share of a limit at which to warn, above 0 and at most 1")]
    public void Load_ABadBudget_NamesTheLineAndHowToWriteIt(string yaml, int line, string fix)
    {
        AssertAt(Fails(yaml), line, fix);
    }

    [Fact]
    public void Load_Outages_ReadsTheBackoffAndThePauseThreshold_AndLeavesTheRestAtTheirDefaults()
    {
        var outages = Load("outages:\n  backoff_seconds: 0.5\n  backoff_cap_seconds: 4\n  pause_after: 5\n").Outages;

        Assert.Equal(TimeSpan.FromSeconds(0.5), outages.Backoff);
        Assert.Equal(TimeSpan.FromSeconds(4), outages.Cap);
        Assert.Equal(5, outages.PauseAfter);
        Assert.Equal(OutageSettings.Default.Factor, outages.Factor);
        Assert.Equal(OutageSettings.Default, Load("checks: {test: [make, check]}\n").Outages);
    }

    [Theory]
    [InlineData("outages:\n  pause_after: 0\n", 2, "'outages.pause_after' is outage failures in a row that pause an agent: a whole number from 1 to 1000, not '0'")]
    [InlineData("outages:\n  backoff_seconds: soon\n", 2, "'outages.backoff_seconds' is seconds to wait after the first outage failure: a number from 0.01 to 86400, not 'soon'")]
    [InlineData("outages:\n  backoff_seconds: 60\n  backoff_cap_seconds: 10\n", 2, "'outages.backoff_cap_seconds' (10) is shorter than 'outages.backoff_seconds' (60)")]
    [InlineData("outages:\n  retries: 3\n", 2, "unknown key 'retries' in 'outages'")]
    public void Load_BadOutageSettings_NameTheLineAndWhatTheyMustBe(string yaml, int line, string fix)
    {
        AssertAt(Fails(yaml), line, fix);
    }

    [Theory]
    [InlineData("checks: {test: [make, check]}\n", true)]
    [InlineData("sandbox: on\n", true)]
    [InlineData("sandbox: off\n", false)]
    [InlineData("sandbox:\n", true)]
    public void Load_Sandbox_IsOnUnlessTheFileSaysOff(string yaml, bool sandboxed)
    {
        Assert.Equal(sandboxed, Load(yaml).Sandbox);
    }

    [Theory]
    [InlineData("checks: {test: [make]}\nsandbox: false\n", 2, "'sandbox' is on (agents, checks and the merge gate run in this machine's sandbox) or off (they run unconfined, and every lineage commit says so), not 'false'")]
    [InlineData("sandbox: [off]\n", 1, "'sandbox' must be a single value, like sandbox: on, not a list")]
    [InlineData("sandbox: {off: true}\n", 1, "'sandbox' must be a single value, like sandbox: on, not a mapping")]
    public void Load_ASandboxThatIsNeitherOnNorOff_NamesTheLine(string yaml, int line, string fix)
    {
        AssertAt(Fails(yaml), line, fix);
    }

    [Fact]
    public void Read_TheBytesOfACommittedFile_NamesTheBranchAndTheLineInItsErrors()
    {
        var content = System.Text.Encoding.UTF8.GetBytes("checks:\n  test: [make, check]\n\nsandbox: maybe\n");

        var e = Assert.Throws<RepositoryConfigException>(() => RepositoryConfigLoader.Read("main:clawclip.yaml", content));

        Assert.StartsWith("main:clawclip.yaml:4: 'sandbox' is on", e.Message, StringComparison.Ordinal);
        Assert.Equal("main:clawclip.yaml", e.File);
    }

    [Fact]
    public void Read_TheBytesOfACommittedFile_ReadsWhatLoadReadsFromTheSameText()
    {
        var fromDisk = Load(Full);

        var fromBytes = RepositoryConfigLoader.Read("main:clawclip.yaml", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Full)]);

        Assert.Equal(fromDisk.FailurePolicy, fromBytes.FailurePolicy);
        Assert.Equal(fromDisk.BuildCommand, fromBytes.BuildCommand);
        Assert.Equal(fromDisk.TestCommand, fromBytes.TestCommand);
        Assert.Equal(fromDisk.MaxParallel, fromBytes.MaxParallel);
        Assert.Equal(RepositoryConfig.Default.MaxParallel, RepositoryConfigLoader.Read("main:clawclip.yaml", []).MaxParallel);
    }

    [Fact]
    public void Read_BytesThatAreNotUtf8_AreRefusedNamingTheFile()
    {
        var e = Assert.Throws<RepositoryConfigException>(() => RepositoryConfigLoader.Read("main:clawclip.yaml", [0x63, 0xFF, 0x3A]));

        Assert.Equal("main:clawclip.yaml: the file is not UTF-8 text; save it as UTF-8", e.Message);
    }
}
