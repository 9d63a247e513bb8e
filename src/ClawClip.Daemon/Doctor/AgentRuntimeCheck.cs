using ClawClip.Agents;
using ClawClip.Core.Agents;
using ClawClip.Processes;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// Whether an agent's program starts in the environment the agent gets: for <c>claude</c>, the Claude Code CLI
/// (<c>CLAWCLIP_CLAUDE</c>, or <c>claude</c> on the agent's PATH) answering <c>--version</c> in time; for
/// <c>command</c>, the program resolving on the agent's PATH or existing as a path. A command agent is never run here:
/// running it would be a run.
/// </summary>
internal sealed class AgentRuntimeCheck(DoctorContext context)
{
    public const string Name = "runtime";

    /// <summary>The Claude Code CLI's native binary is large; its first start from a cold disk takes a few seconds.</summary>
    public static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(20);

    private const string InstallClaude = "npm install -g @anthropic-ai/claude-code";

    // Agents share one CLI and (PATH being a base variable) one PATH: ask each program once.
    private readonly Dictionary<(string Program, string? Path), Task<ProcessResult>> versions = [];

    public async Task<CheckResult> RunAsync(AgentDefinition agent, CancellationToken cancellationToken)
    {
        var environment = AgentEnvironment.For(agent, context.Variables);
        return agent.Runtime == AgentRuntime.Claude
            ? await ClaudeAsync(agent, environment, cancellationToken).ConfigureAwait(false)
            : Command(agent, environment);
    }

    private CheckResult Command(AgentDefinition agent, Dictionary<string, string> environment)
    {
        var program = AgentEnvironment.CommandProgram(context.RepositoryRoot, agent.Command[0]);
        try
        {
            var path = ProgramResolver.Resolve(ProcessSpec.Create(program), environment);
            return CheckResult.Ok(Name, $"{agent.Name} runs {path}", agent.Name.Value);
        }
        catch (ProcessStartException e)
        {
            var fix = program.Contains('/', StringComparison.Ordinal)
                ? $"create {program} and make it executable (`chmod +x {program}`), or change command: in agents/{agent.Name}.yaml"
                : $"install {program} or add its folder to the PATH {context.ProcessName} has, or give its full path as the first item of command: in agents/{agent.Name}.yaml";
            return CheckResult.Fail(Name, $"{agent.Name}'s command cannot start: {e.Message}", fix, agent.Name.Value);
        }
    }

    private async Task<CheckResult> ClaudeAsync(AgentDefinition agent, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var program = AgentEnvironment.ClaudeProgram(context.Variables);
        var where = context.CheckedBy == CheckedBy.Daemon ? "the daemon's environment" : "the daemon's environment (an --env-file line)";
        string path;
        try
        {
            path = ProgramResolver.Resolve(ProcessSpec.Create(program), environment);
        }
        catch (ProcessStartException e)
        {
            return CheckResult.Fail(Name, $"{agent.Name} cannot start the Claude Code CLI: {e.Message}",
                $"`{InstallClaude}`, or set {AgentEnvironment.ClaudeProgramVariable}=/path/to/claude in {where}", agent.Name.Value);
        }

        environment.TryGetValue("PATH", out var searched);
        if (!versions.TryGetValue((path, searched), out var version))
        {
            var run = new Dictionary<string, string>(environment, StringComparer.Ordinal);
            foreach (var (name, value) in ClaudeCodeRuntime.BackgroundEnvironment)
            {
                run.TryAdd(name, value);
            }

            version = context.Runner.RunAsync(
                ProcessSpec.Create(path, "--version") with { Environment = run, WorkingDirectory = context.RepositoryRoot, Timeout = VersionTimeout },
                cancellationToken);
            versions[(path, searched)] = version;
        }

        ProcessResult result;
        try
        {
            result = await version.ConfigureAwait(false);
        }
        catch (ProcessStartException e)
        {
            return CheckResult.Fail(Name, $"{agent.Name} cannot start the Claude Code CLI: {e.Message}", $"`{InstallClaude}`", agent.Name.Value);
        }

        if (result.TimedOut)
        {
            return CheckResult.Fail(Name, $"{agent.Name}: `{path} --version` did not answer within {VersionTimeout.TotalSeconds:0} s", $"run `{path} --version` by hand to see why, or reinstall it (`{InstallClaude}`)", agent.Name.Value);
        }

        if (result.ExitCode != 0)
        {
            var said = GitCheck.FirstLine(result.StandardError.Length > 0 ? result.StandardError : result.StandardOutput);
            return CheckResult.Fail(Name, $"{agent.Name}: `{path} --version` exited {result.ExitCode}: {said}", $"run `{path} --version` by hand to see why, or reinstall it (`{InstallClaude}`)", agent.Name.Value);
        }

        return CheckResult.Ok(Name, $"{agent.Name}: {path} --version says {GitCheck.FirstLine(result.StandardOutput)}", agent.Name.Value);
    }
}
