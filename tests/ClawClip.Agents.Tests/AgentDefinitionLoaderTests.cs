using ClawClip.Core.Agents;

namespace ClawClip.Agents.Tests;

public sealed class AgentDefinitionLoaderTests : IDisposable
{
    // Six lines, so that a line added by a test is line 7.
    private const string Minimal = """
        name: dev-1
        role: dev
        model: sonnet
        git:
          name: dev-1 (claw.clip agent)
          email: dev-1@agents.clawclip.invalid

        """;

    private const string Full = """
        # Every key.
        name: dev-1
        role: dev
        runtime: claude
        model: sonnet
        skills: [csharp, docs]
        system_prompt_file: agents/prompts/dev.md
        max_concurrent_tasks: 2
        availability:
          - days: [mon, tue, wed, thu, fri]
            from: "08:00"
            to: "18:00"
            timezone: Europe/Berlin
          - {days: [sat], from: "22:00", to: "02:00", timezone: UTC}
        git:
          name: dev-1 (claw.clip agent)
          email: dev-1@agents.clawclip.invalid
        env: [GITHUB_TOKEN, HOME]
        writable_paths: [~/.cache/pip]
        readable_paths: [/srv/datasets, ~/.m2/repository]
        network: closed

        """;

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private AgentDefinitionException Fails(string yaml, string fileName = "dev-1.yaml")
    {
        var path = folder.Write(fileName, yaml);
        var e = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionLoader.Load(path));
        Assert.Equal(path, e.File);
        return e;
    }

    private static void AssertAt(AgentDefinitionException e, int? line, string fix)
    {
        var prefix = line is null ? $"{e.File}: " : $"{e.File}:{line}: ";
        Assert.StartsWith(prefix, e.Message, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
        Assert.Contains(fix, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AFileWithEveryKey_ReadsEachOfThem()
    {
        var agent = AgentDefinitionLoader.Load(folder.Write("dev-1.yaml", Full));

        Assert.Equal("dev-1", agent.Name.Value);
        Assert.Equal(AgentRole.Dev, agent.Role);
        Assert.Equal(AgentRuntime.Claude, agent.Runtime);
        Assert.Equal("sonnet", agent.Model);
        Assert.Empty(agent.Command);
        Assert.Equal(["csharp", "docs"], agent.Skills);
        Assert.Equal("agents/prompts/dev.md", agent.SystemPromptFile);
        Assert.Equal(2, agent.MaxConcurrentTasks);
        Assert.Equal(new AgentIdentity("dev-1 (claw.clip agent)", "dev-1@agents.clawclip.invalid"), agent.Git);
        Assert.Equal(["GITHUB_TOKEN", "HOME"], agent.EnvironmentNames);
        Assert.Equal(["~/.cache/pip"], agent.WritablePaths);
        Assert.Equal(["/srv/datasets", "~/.m2/repository"], agent.ReadablePaths);
        Assert.False(agent.Network);
        Assert.Equal(2, agent.Availability.Count);
        var weekdays = agent.Availability[0];
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], weekdays.Days.Order());
        Assert.Equal(new TimeOnly(8, 0), weekdays.From);
        Assert.Equal(new TimeOnly(18, 0), weekdays.To);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), weekdays.TimeZone);
        Assert.Equal(new TimeOnly(22, 0), agent.Availability[1].From);
    }

    [Fact]
    public void Load_AMinimalFile_DefaultsTheOptionalKeys()
    {
        var agent = AgentDefinitionLoader.Load(folder.Write("dev-1.yaml", Minimal));

        Assert.Equal(AgentRuntime.Claude, agent.Runtime);
        Assert.Empty(agent.Skills);
        Assert.Null(agent.SystemPromptFile);
        Assert.Equal(1, agent.MaxConcurrentTasks);
        Assert.Empty(agent.Availability);
        Assert.Empty(agent.EnvironmentNames);
        Assert.Empty(agent.WritablePaths);
        Assert.Empty(agent.ReadablePaths);
        Assert.True(agent.Network);
        Assert.True(agent.IsAvailableAt(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Load_ACommandRuntime_KeepsTheProgramAndEachArgument()
    {
        var agent = AgentDefinitionLoader.Load(folder.Write("dev-1.yaml",
            Minimal.Replace("model: sonnet", "runtime: command", StringComparison.Ordinal) + "command: [my-agent, --json, \"two words\"]\n"));

        Assert.Equal(AgentRuntime.Command, agent.Runtime);
        Assert.Null(agent.Model);
        Assert.Equal(["my-agent", "--json", "two words"], agent.Command);
    }

    [Fact]
    public void Load_AvailabilityCrossingMidnight_IsOpenUntilItsEndTheNextMorning()
    {
        var agent = AgentDefinitionLoader.Load(folder.Write("dev-1.yaml",
            Minimal + "availability: [{days: [fri], from: \"22:00\", to: \"06:00\", timezone: Europe/Berlin}]\n"));

        // Friday 10 January 2025; Berlin is UTC+1.
        var berlin = TimeSpan.FromHours(1);
        Assert.False(agent.IsAvailableAt(new DateTimeOffset(2025, 1, 10, 21, 0, 0, berlin)));
        Assert.True(agent.IsAvailableAt(new DateTimeOffset(2025, 1, 10, 23, 0, 0, berlin)));
        Assert.True(agent.IsAvailableAt(new DateTimeOffset(2025, 1, 11, 5, 0, 0, berlin)));
        Assert.False(agent.IsAvailableAt(new DateTimeOffset(2025, 1, 11, 7, 0, 0, berlin)));
    }

    [Theory]
    [InlineData("name: dev-1\n", "name: dev-1")]
    [InlineData("role: dev\n", "role: dev")]
    [InlineData("model: sonnet\n", "model: sonnet")]
    [InlineData("git:\n  name: dev-1 (claw.clip agent)\n  email: dev-1@agents.clawclip.invalid\n", "git: {name: dev-1 (claw.clip agent), email: dev-1@agents.clawclip.invalid}")]
    public void Load_WhenARequiredKeyIsMissing_NamesItAndShowsHowToAddIt(string removed, string example)
    {
        var e = Fails(Minimal.Replace(removed, "", StringComparison.Ordinal));

        var key = removed[..removed.IndexOf(':', StringComparison.Ordinal)];
        AssertAt(e, null, $"missing required key '{key}' (add e.g. {example})");
    }

    [Theory]
    [InlineData("  name: dev-1 (claw.clip agent)\n", 4, "missing required key 'git.name' (add e.g. name: dev-1 (claw.clip agent))")]
    [InlineData("  email: dev-1@agents.clawclip.invalid\n", 4, "missing required key 'git.email' (add e.g. email: dev-1@agents.clawclip.invalid)")]
    public void Load_WhenTheGitIdentityLacksAKey_NamesTheLineOfTheIdentity(string removed, int line, string fix)
    {
        var e = Fails(Minimal.Replace(removed, "", StringComparison.Ordinal));

        AssertAt(e, line, fix);
    }

    [Fact]
    public void Load_WhenARequiredKeyHasNoValue_NamesItsLine()
    {
        var e = Fails(Minimal.Replace("role: dev", "role:", StringComparison.Ordinal));

        AssertAt(e, 2, "'role' has no value (write e.g. role: dev)");
    }

    [Theory]
    [InlineData("name: [dev-1]", 1, "'name' must be a single value, like name: dev-1, not a list")]
    [InlineData("role: {dev: true}", 2, "'role' must be a single value, like role: dev, not a mapping")]
    [InlineData("model: [sonnet, opus]", 3, "'model' must be a single value, like model: sonnet, not a list")]
    [InlineData("git: dev-1@agents.clawclip.invalid", 4, "'git' must be a mapping of name and email, like git: {name: dev-1 (claw.clip agent)")]
    public void Load_WhenARequiredValueHasTheWrongType_SaysWhatItMustBe(string replacement, int line, string fix)
    {
        var lines = Minimal.Split('\n').ToList();
        lines[line - 1] = replacement;
        if (line == 4)
        {
            lines.RemoveRange(4, 2);
        }

        var e = Fails(string.Join('\n', lines));

        AssertAt(e, line, fix);
    }

    [Theory]
    [InlineData("skills: csharp", "'skills' must be a list, like skills: [csharp, docs], not 'csharp'")]
    [InlineData("skills: [[csharp]]", "each item of 'skills' must be a single value, like skills: [csharp, docs], not a list")]
    [InlineData("max_concurrent_tasks: two", "'max_concurrent_tasks' must be a whole number from 1 to 16, not 'two'")]
    [InlineData("max_concurrent_tasks: 0", "'max_concurrent_tasks' must be a whole number from 1 to 16, not '0'")]
    [InlineData("max_concurrent_tasks: 17", "'max_concurrent_tasks' must be a whole number from 1 to 16, not '17'")]
    [InlineData("max_concurrent_tasks: 1.5", "'max_concurrent_tasks' must be a whole number from 1 to 16, not '1.5'")]
    [InlineData("system_prompt_file: [a.md]", "'system_prompt_file' must be a single value, like system_prompt_file: agents/prompts/dev.md, not a list")]
    [InlineData("env: {GITHUB_TOKEN: secret}", "'env' must be a list, like env: [GITHUB_TOKEN], not a mapping")]
    [InlineData("availability: weekdays", "'availability' must be a list of windows, like availability: [{days: [mon,")]
    [InlineData("availability: [mon]", "each window of 'availability' must be a mapping with days, from, to and timezone")]
    public void Load_WhenAnOptionalValueHasTheWrongType_SaysWhatItMustBe(string added, string fix)
    {
        var e = Fails(Minimal + added + "\n");

        AssertAt(e, 7, fix);
    }

    [Fact]
    public void Load_AnUnknownKey_SuggestsTheClosestKnownOneAndListsThemAll()
    {
        var e = Fails(Minimal + "skils: [csharp]\n");

        AssertAt(e, 7, "unknown key 'skils'; did you mean 'skills'? (known keys: name, role, runtime, model, command, skills, system_prompt_file, max_concurrent_tasks, availability, git, env, writable_paths, readable_paths, network)");
    }

    [Fact]
    public void Load_AnUnknownKeyFarFromAnyKnownOne_ListsTheKnownKeysWithoutAGuess()
    {
        var e = Fails(Minimal + "timeout: 30\n");

        AssertAt(e, 7, "unknown key 'timeout' (known keys: name, role,");
        Assert.DoesNotContain("did you mean", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnUnknownKeyInsideGit_SaysWhereAndSuggests()
    {
        var e = Fails(Minimal.Replace("  email:", "  emial:", StringComparison.Ordinal));

        AssertAt(e, 6, "unknown key 'emial' in 'git'; did you mean 'email'? (known keys: name, email)");
    }

    [Theory]
    [InlineData("role: developer", 2, "'role' must be one of pm, planner, dev, qa, not 'developer'")]
    [InlineData("role: Dev", 2, "'role' must be one of pm, planner, dev, qa, not 'Dev'")]
    [InlineData("name: Dev 1", 1, "'name' must be lower-case letters, digits, '-' and '_', starting with a letter (like dev-1), not 'Dev 1'")]
    public void Load_ABadEnumOrName_ListsWhatIsAllowed(string replacement, int line, string fix)
    {
        var lines = Minimal.Split('\n');
        lines[line - 1] = replacement;

        var e = Fails(string.Join('\n', lines));

        AssertAt(e, line, fix);
    }

    [Fact]
    public void Load_ABadRuntime_NamesBothRuntimes()
    {
        var e = Fails(Minimal + "runtime: codex\n");

        AssertAt(e, 7, "'runtime' must be claude (the Claude Code CLI) or command (any program, with command: [...]), not 'codex'");
    }

    [Theory]
    [InlineData("skills: [csharp, C Sharp]", "'C Sharp' in 'skills' is not a skill name; use lower-case letters, digits, '-', '.', '+' or '#'")]
    [InlineData("skills: [csharp, csharp]", "'csharp' is listed twice in 'skills'; remove one")]
    public void Load_ABadSkill_NamesItAndTheRule(string added, string fix)
    {
        var e = Fails(Minimal + added + "\n");

        AssertAt(e, 7, fix);
    }

    [Theory]
    [InlineData("/etc/passwd", "is an absolute path ('/etc/passwd')")]
    [InlineData("C:/prompts/dev.md", "is an absolute path")]
    [InlineData("../outside/dev.md", "leaves the repository through '..'")]
    [InlineData("agents/../../dev.md", "leaves the repository through '..'")]
    [InlineData("agents\\prompts\\dev.md", "separate folders with '/'")]
    [InlineData("\" \"", "is empty")]
    public void Load_APromptPathOutsideTheRepository_IsRefused(string path, string problem)
    {
        var e = Fails(Minimal + $"system_prompt_file: {path}\n");

        AssertAt(e, 7, problem);
        Assert.Contains("give a path relative to the repository root, inside it, like system_prompt_file: agents/prompts/dev.md", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ACommandRuntimeWithoutACommand_ShowsOne()
    {
        var e = Fails(Minimal.Replace("model: sonnet", "runtime: command", StringComparison.Ordinal));

        AssertAt(e, null, "missing required key 'command' (add e.g. command: [my-agent, --json])");
    }

    [Fact]
    public void Load_ACommandWrittenAsOneString_AsksForAList()
    {
        var e = Fails(Minimal.Replace("model: sonnet", "runtime: command", StringComparison.Ordinal) + "command: my-agent --json\n");

        AssertAt(e, 7, "'command' must be a list, the program first and then each argument, like command: [my-agent, --json]; it is never run through a shell");
    }

    [Fact]
    public void Load_ACommandRuntimeWithAModel_SaysWhereTheModelGoes()
    {
        var e = Fails(Minimal + "runtime: command\ncommand: [my-agent]\n");

        AssertAt(e, 3, "'model' is only for runtime claude; for runtime command, pass the model among the command's arguments");
    }

    [Fact]
    public void Load_AClaudeRuntimeWithACommand_IsRefused()
    {
        var e = Fails(Minimal + "command: [my-agent]\n");

        AssertAt(e, 7, "'command' is only for runtime command; remove it, or set runtime: command");
    }

    [Theory]
    [InlineData("{days: [monday], from: \"08:00\", to: \"18:00\", timezone: UTC}", "'monday' is not a day; use mon, tue, wed, thu, fri, sat, sun")]
    [InlineData("{days: [mon, mon], from: \"08:00\", to: \"18:00\", timezone: UTC}", "'mon' is listed twice in 'availability[1].days'")]
    [InlineData("{days: [], from: \"08:00\", to: \"18:00\", timezone: UTC}", "'availability[1].days' is empty; list at least one day")]
    [InlineData("{days: [mon], from: \"8am\", to: \"18:00\", timezone: UTC}", "'availability[1].from' must be a time of day as HH:mm (00:00 to 23:59), like from: \"08:00\", not '8am'")]
    [InlineData("{days: [mon], from: \"08:00\", to: \"25:00\", timezone: UTC}", "'availability[1].to' must be a time of day as HH:mm (00:00 to 24:00), like to: \"18:00\", not '25:00'")]
    [InlineData("{days: [mon], from: \"08:00\", to: \"18:00\", timezone: Mars/Olympus}", "unknown time zone 'Mars/Olympus' in 'availability[1].timezone'; use an IANA name like Europe/Berlin")]
    [InlineData("{days: [mon], from: \"08:00\", to: \"18:00\"}", "missing required key 'availability[1].timezone' (add e.g. timezone: Europe/Berlin)")]
    [InlineData("{days: [mon], from: \"08:00\", to: \"18:00\", timezone: UTC, tz: UTC}", "unknown key 'tz' in 'availability[1]'")]
    public void Load_ABadAvailabilityWindow_NamesTheWindowAndTheFix(string window, string fix)
    {
        var e = Fails(Minimal + "availability:\n  - " + window + "\n");

        AssertAt(e, 8, fix);
    }

    [Fact]
    public void Load_AnAvailabilityWindowThatCrossesMidnight_IsAccepted()
    {
        var agent = AgentDefinitionLoader.Load(folder.Write("dev-1.yaml",
            Minimal + "availability: [{days: [sun], from: \"20:00\", to: \"24:00\", timezone: UTC}]\n"));

        Assert.Equal(TimeOnly.MinValue, agent.Availability[0].To);
        Assert.True(agent.IsAvailableAt(new DateTimeOffset(2025, 1, 12, 23, 59, 0, TimeSpan.Zero)));
        Assert.False(agent.IsAvailableAt(new DateTimeOffset(2025, 1, 13, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("env: [github_token]", "'github_token' in 'env' is not an environment variable name; use upper-case letters, digits and '_'")]
    [InlineData("env: [1PASSWORD]", "'1PASSWORD' in 'env' is not an environment variable name")]
    [InlineData("env: [GITHUB_TOKEN=abc]", "'GITHUB_TOKEN=abc' in 'env' is not an environment variable name")]
    [InlineData("env: [HOME, HOME]", "'HOME' is listed twice in 'env'")]
    public void Load_ABadEnvironmentName_IsRefused(string added, string fix)
    {
        var e = Fails(Minimal + added + "\n");

        AssertAt(e, 7, fix);
    }

    [Theory]
    [InlineData("writable_paths: [cache]", "'writable_paths' 'cache' is neither absolute nor under ~/; give absolute paths or paths under ~/ (the person's home), like writable_paths: [~/.cache/pip]")]
    [InlineData("readable_paths: [~alice/data]", "'readable_paths' '~alice/data' is neither absolute nor under ~/")]
    [InlineData("readable_paths: [/srv/../etc]", "'readable_paths' '/srv/../etc' goes through '..'")]
    [InlineData("writable_paths: [/]", "'writable_paths' '/' would open the whole machine to the agent")]
    [InlineData("readable_paths: [\"~\"]", "'readable_paths' '~' would open the whole home to the agent")]
    [InlineData("writable_paths: [\"\"]", "'writable_paths' is empty")]
    [InlineData("readable_paths: [/srv/data, /srv/data]", "'/srv/data' is listed twice in 'readable_paths'")]
    [InlineData("writable_paths: /srv/data", "'writable_paths' must be a list, like writable_paths: [~/.cache/pip], not '/srv/data'")]
    [InlineData("network: off", "'network' must be open (the default: the agent reaches its model's API) or closed (no network at all), not 'off'")]
    public void Load_ABadSandboxKey_IsRefusedNamingTheFileAndLine(string added, string fix)
    {
        var e = Fails(Minimal + added + "\n");

        AssertAt(e, 7, fix);
    }

    [Theory]
    [InlineData("  email: dev-1", "'git.email' must be one address with a single '@' and no spaces, like email: dev-1@agents.clawclip.invalid, not 'dev-1'")]
    [InlineData("  email: a@b@c", "not 'a@b@c'")]
    [InlineData("  email: \"@example.org\"", "not '@example.org'")]
    public void Load_ABadGitEmail_IsRefused(string replacement, string fix)
    {
        var lines = Minimal.Split('\n');
        lines[5] = replacement;

        var e = Fails(string.Join('\n', lines));

        AssertAt(e, 6, fix);
    }

    [Fact]
    public void Load_WhenTheNameDiffersFromTheFileName_SaysHowToMakeThemAgree()
    {
        var e = Fails(Minimal, "dev-2.yaml");

        AssertAt(e, 1, "name 'dev-1' does not match the file name; rename the file to dev-1.yaml or set name: dev-2");
    }

    [Fact]
    public void Load_InvalidYaml_NamesTheLineOfTheSyntaxError()
    {
        var e = Fails(Minimal.Replace("model: sonnet", "model: sonnet: opus", StringComparison.Ordinal));

        AssertAt(e, 3, "not valid YAML: ");
        Assert.Contains("check the indentation, quoting and brackets on this line and the one before", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnUnclosedBracketAtTheEnd_NamesWhereReadingStopped()
    {
        // YamlDotNet 16.3 reports this one without a position; the reader names where the parser stopped.
        var e = Fails(Minimal + "skills: [csharp, docs\nenv: []\n");

        AssertAt(e, 7, "not valid YAML: reading stopped here, most likely at an unclosed '[', '{' or quote; check the brackets and quoting from this line on");
    }

    [Fact]
    public void Load_ADuplicateKey_NamesTheKeyAndItsSecondLine()
    {
        var e = Fails(Minimal + "role: qa\n");

        AssertAt(e, 7, "duplicate key 'role'; a key may appear once");
    }

    [Theory]
    [InlineData("- name: dev-1\n- role: dev\n", "not a list")]
    [InlineData("just some words\n", "not a single value")]
    public void Load_AFileThatIsNotAMapping_SaysWhatItMustBe(string yaml, string what)
    {
        var e = Fails(yaml);

        AssertAt(e, 1, $"the file must be a mapping of keys to values (name: dev-1, role: dev, …), {what}");
    }

    [Fact]
    public void Load_ASecondDocument_IsRefused()
    {
        var e = Fails(Minimal + "---\nname: dev-2\n");

        AssertAt(e, 8, "a second YAML document; an agent file holds one mapping");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Load_AnEmptyFile_SaysWhatToWrite(string yaml)
    {
        var e = Fails(yaml);

        AssertAt(e, null, "the file is empty; write the agent's keys, starting with name: and role:");
    }

    [Fact]
    public void Load_AFileOverSixtyFourKilobytes_IsRefusedBeforeItIsParsed()
    {
        var e = Fails(Minimal + "# " + new string('x', AgentDefinitionLoader.MaxFileBytes) + "\n");

        AssertAt(e, null, "over the 64 KB an agent file may hold; move long text such as the system prompt into its own file");
    }

    [Fact]
    public void Load_AFileOfExactlySixtyFourKilobytes_IsRead()
    {
        var padding = AgentDefinitionLoader.MaxFileBytes - Minimal.Length - 3;
        var agent = AgentDefinitionLoader.Load(folder.Write("dev-1.yaml", Minimal + "# " + new string('x', padding) + "\n"));

        Assert.Equal(AgentDefinitionLoader.MaxFileBytes, new FileInfo(Path.Combine(folder.Path, "dev-1.yaml")).Length);
        Assert.Equal("dev-1", agent.Name.Value);
    }

    [Fact]
    public void Load_ATabInTheIndentation_NamesItsLine()
    {
        var e = Fails(Minimal.Replace("  email:", "\temail:", StringComparison.Ordinal));

        AssertAt(e, 6, "a tab in the indentation; YAML indents with spaces only, so replace the tab with spaces");
    }

    [Fact]
    public void Load_ATabAfterTheIndentation_IsAllowed()
    {
        var agent = AgentDefinitionLoader.Load(folder.Write("dev-1.yaml", Minimal + "skills: [csharp]\t# tab before a comment\n"));

        Assert.Equal(["csharp"], agent.Skills);
    }

    [Fact]
    public void Load_AMissingFile_NamesIt()
    {
        var path = Path.Combine(folder.Path, "dev-9.yaml");

        var e = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionLoader.Load(path));

        Assert.Equal($"{path}: no such file; create it, or check the path (agent files live in agents/<name>.yaml)", e.Message);
    }
}
