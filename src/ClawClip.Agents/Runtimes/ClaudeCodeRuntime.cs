using System.Globalization;
using ClawClip.Core.Agents;
using ClawClip.Processes;

namespace ClawClip.Agents;

/// <summary>
/// The Claude Code CLI in print mode: <c>claude -p --output-format json</c> with the prompt on standard input, with the tier's
/// <c>--max-turns</c>, <c>--max-budget-usd</c> and <c>--allowedTools</c>, the role's rules through
/// <c>--append-system-prompt</c>, and <c>--session-id</c> for a new session or <c>--resume</c> for one the
/// context snapshot remembers. Permission mode is <c>acceptEdits</c>: it works when the daemon runs as root,
/// where bypassing permissions is refused. The result is judged like any runtime's: exit code 0 and
/// <c>is_error: false</c>. It runs in the agent's <see cref="AgentSandbox"/>, with <c>CLAUDE_CONFIG_DIR</c> in the agent's
/// own home, so that its sessions are there for the next run to resume and the person's <c>~/.claude</c> is not.
/// </summary>
/// <remarks>
/// The prompt goes on standard input, not as an argument: an argument is the CLI's positional prompt, which it
/// takes for an unknown option when it starts with '-' (a spec that opens with a Markdown list), and Linux refuses
/// to start a program with one argument over 128 KiB (a spec with its history and review comments).
/// </remarks>
public sealed class ClaudeCodeRuntime : IAgentRuntime
{
    /// <summary>Added to every run: quiet and self-contained for a background job (no update checks, no telemetry, no extra traffic).</summary>
    public static IReadOnlyDictionary<string, string> BackgroundEnvironment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        ["DISABLE_AUTOUPDATER"] = "1",
        ["DISABLE_TELEMETRY"] = "1",
    };

    private readonly string program;
    private readonly string model;
    private readonly IProcessRunner runner;
    private readonly AgentSandbox sandbox;

    public ClaudeCodeRuntime(string model, IProcessRunner runner, AgentSandbox sandbox, string program = "claude")
    {
        this.model = model;
        this.runner = runner;
        this.sandbox = sandbox;
        this.program = program;
    }

    /// <summary>The arguments for one run, in order (the prompt goes on standard input). Separate so that a person can see exactly what would run.</summary>
    public IReadOnlyList<string> Arguments(AgentRunRequest request)
    {
        var arguments = new List<string>
        {
            "-p",
            "--output-format", "json",
            "--model", model,
            "--max-turns", request.Policy.MaxTurns.ToString(CultureInfo.InvariantCulture),
            "--max-budget-usd", request.Policy.MaxCostUsd.ToString("0.00", CultureInfo.InvariantCulture),
            "--allowedTools", string.Join(',', request.Policy.AllowedTools),
            "--permission-mode", "acceptEdits",
            "--append-system-prompt", request.SystemPrompt,
        };
        if (request.ResumeSessionId is { } resume)
        {
            arguments.AddRange(["--resume", resume]);
        }
        else if (request.NewSessionId is { } session)
        {
            arguments.AddRange(["--session-id", session]);
        }

        if (request.JsonSchema is { } schema)
        {
            arguments.AddRange(["--json-schema", schema]);
        }

        return arguments;
    }

    /// <inheritdoc />
    public async Task<AgentRunResult> RunAsync(AgentRunRequest request, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(request.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in BackgroundEnvironment)
        {
            environment.TryAdd(name, value);
        }

        environment["CLAUDE_CONFIG_DIR"] = Path.Combine(sandbox.Home, ".claude");

        var spec = ProcessSpec.Create(program, [.. Arguments(request)]).WithStandardInput(request.Prompt) with
        {
            WorkingDirectory = request.WorkingDirectory,
            Environment = environment,
            InheritEnvironment = false,
            Timeout = request.Timeout,
            GroupFile = request.ProcessGroupFile,
            MaxOutputBytes = AgentResultParser.MaxOutputBytes,
        };

        ProcessSpec confined;
        try
        {
            // node, for a CLI installed as a JavaScript package rather than as its native build.
            confined = sandbox.Confine(spec, request, "node");
        }
        catch (ProcessStartException e)
        {
            return AgentRunResult.Failed($"could not start the Claude Code CLI: {e.Message} (install it with `npm install -g @anthropic-ai/claude-code`)");
        }

        ProcessResult process;
        try
        {
            process = await runner.RunAsync(confined, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessStartException e)
        {
            // The CLI is there; its sandbox is not (bubblewrap missing, a path to bind gone): the message says what to do.
            return AgentRunResult.Failed($"could not start the Claude Code CLI: {e.Message}");
        }

        return AgentResultParser.Parse(process, request.Timeout, expectStructuredOutput: request.JsonSchema is not null, AgentResultParser.MaxOutputBytes);
    }
}
