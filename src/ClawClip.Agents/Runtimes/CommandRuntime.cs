using System.Text.Json;
using ClawClip.Core.Agents;
using ClawClip.Processes;

namespace ClawClip.Agents;

/// <summary>
/// Any command line as an agent. The contract (README, "The command runtime"): the program starts in the
/// task's worktree with exactly the environment the agent may see; it reads one JSON request on stdin
/// (<c>schema</c>, <c>agent</c>, <c>prompt</c>, <c>system_prompt</c>, <c>session_id</c> (a session to resume),
/// <c>new_session_id</c> (the id to give a new one), <c>json_schema</c>,
/// <c>max_turns</c>, <c>max_cost_usd</c>, <c>allowed_tools</c>) and prints one JSON result on stdout with the
/// fields of Claude Code's JSON result (<c>is_error</c>, <c>result</c>, <c>structured_output</c>,
/// <c>session_id</c>, <c>total_cost_usd</c>, <c>num_turns</c>). It succeeded if it exits 0 with
/// <c>is_error: false</c>. A failed run whose model's API failed says so with <c>"failure_kind": "outage"</c>
/// (and, if the API said how long to wait, <c>"retry_after_seconds": N</c>): it is then no failure of the agent's,
/// and is tried again after the backoff; <c>"failure_kind": "agent"</c> says the opposite, whatever the text.
/// It runs in the agent's <see cref="AgentSandbox"/>: its clone, its own home and what its agent file opens, nothing else.
/// </summary>
public sealed class CommandRuntime : IAgentRuntime
{
    private readonly string program;
    private readonly IReadOnlyList<string> arguments;
    private readonly IProcessRunner runner;
    private readonly AgentSandbox sandbox;
    private readonly int maxOutputBytes;

    public CommandRuntime(string program, IReadOnlyList<string> arguments, IProcessRunner runner, AgentSandbox sandbox, int maxOutputBytes = AgentResultParser.MaxOutputBytes)
    {
        this.program = program;
        this.arguments = arguments;
        this.runner = runner;
        this.sandbox = sandbox;
        this.maxOutputBytes = maxOutputBytes;
    }

    /// <inheritdoc />
    public async Task<AgentRunResult> RunAsync(AgentRunRequest request, CancellationToken cancellationToken)
    {
        var input = JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                schema = 1,
                agent = request.Agent.Value,
                prompt = request.Prompt,
                system_prompt = request.SystemPrompt,
                session_id = request.ResumeSessionId,
                new_session_id = request.NewSessionId,
                json_schema = request.JsonSchema,
                max_turns = request.Policy.MaxTurns,
                max_cost_usd = request.Policy.MaxCostUsd,
                allowed_tools = request.Policy.AllowedTools,
            });
        var spec = ProcessSpec.Create(program, [.. arguments]) with
        {
            WorkingDirectory = request.WorkingDirectory,
            Environment = request.Environment,
            InheritEnvironment = false,
            StandardInput = input,
            Timeout = request.Timeout,
            GroupFile = request.ProcessGroupFile,
            MaxOutputBytes = maxOutputBytes,
        };

        ProcessResult process;
        try
        {
            // A file the command names by its absolute path is its own (the script in [bash, /srv/agents/dev.sh]).
            process = await runner.RunAsync(sandbox.Confine(spec, request, arguments.Where(Path.IsPathRooted)), cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessStartException e)
        {
            return AgentRunResult.Failed($"could not start: {e.Message}");
        }

        return AgentResultParser.Parse(process, request.Timeout, expectStructuredOutput: request.JsonSchema is not null, maxOutputBytes);
    }
}
