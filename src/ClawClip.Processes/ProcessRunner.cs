using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Processes;

/// <summary>
/// The <see cref="IProcessRunner"/> on Linux and macOS. Stdout and stderr are read concurrently with
/// the input being written, so no pipe can fill and deadlock; each is kept within
/// <see cref="ProcessSpec.MaxOutputBytes"/>. A timeout or cancellation kills the whole process tree.
/// </summary>
/// <remarks>
/// Where a <see cref="GroupLauncher"/> exists (setsid on Linux, the system perl on macOS), each child leads its own process group and session:
/// on timeout or cancellation the tree is walked and killed, then the group gets SIGKILL, which also
/// reaches descendants already re-parented to init. When the child exits by itself, whatever it left
/// running in its group is killed too, so a run leaves nothing behind (a descendant that made its own
/// session, like a daemon, is out of reach by design). Without either, only the tree walk
/// applies, and orphaned grandchildren survive. Once the child has exited, the runner waits a short
/// grace for its output pipes to close; a descendant outside the group that still holds them is then
/// ignored and the output read so far is returned. Safe to use from many threads at once.
/// </remarks>
public sealed class ProcessRunner : IProcessRunner
{
    private static readonly TimeSpan DefaultOutputDrainGrace = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _outputDrainGrace;
    private readonly GroupLauncher? _launcher;
    private readonly ISandbox? _sandbox;

    /// <summary>A runner that confines specs asking for it in this machine's sandbox (<see cref="Sandboxes.ForThisMachine"/>).</summary>
    public ProcessRunner()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A runner that confines specs asking for it in <paramref name="sandbox"/> (<see cref="Unconfined"/> for <c>sandbox: off</c>).</summary>
    public ProcessRunner(ISandbox sandbox)
        : this(TimeProvider.System, DefaultOutputDrainGrace, ProcessGroup.Launcher, sandbox)
    {
    }

    public ProcessRunner(TimeProvider timeProvider)
        : this(timeProvider, DefaultOutputDrainGrace)
    {
    }

    internal ProcessRunner(TimeProvider timeProvider, TimeSpan outputDrainGrace)
        : this(timeProvider, outputDrainGrace, ProcessGroup.Launcher)
    {
    }

    /// <summary>A runner that starts children through <paramref name="launcher"/> (null: in the runner's own group).</summary>
    internal ProcessRunner(TimeProvider timeProvider, TimeSpan outputDrainGrace, GroupLauncher? launcher, ISandbox? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _outputDrainGrace = outputDrainGrace;
        _launcher = launcher;
        _sandbox = sandbox;
    }

    /// <summary>The sandbox confined specs run in.</summary>
    public ISandbox Sandbox => _sandbox ?? Sandboxes.ForThisMachine();

    /// <summary>Whether children get their own process group here, so orphaned grandchildren die with them too.</summary>
    public static bool KillsOrphanedDescendants => ProcessGroup.IsSupported;

    /// <inheritdoc />
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        cancellationToken.ThrowIfCancellationRequested();

        var environment = ChildEnvironment(spec);
        var program = ProgramResolver.Resolve(spec, environment);
        var confined = spec.Confinement is not null;
        if (spec.Confinement is { } boundary)
        {
            var wrapped = Sandbox.Wrap(spec with { Environment = environment, InheritEnvironment = false }, program, boundary);
            environment = ChildEnvironment(wrapped);
            program = wrapped.FileName;
            spec = wrapped with { Confinement = null, GroupFile = spec.GroupFile };
        }

        var launcher = _launcher;
        var started = _timeProvider.GetTimestamp();

        // A sandbox dies with the thread that started it (bwrap --die-with-parent is PR_SET_PDEATHSIG, which follows
        // the parent thread, not the process): it is started from a thread that lives as long as the runner's process.
        using var process = confined
            ? await ProcessStarter.StartAsync(() => Start(spec, CreateStartInfo(spec, program, launcher, environment)), cancellationToken).ConfigureAwait(false)
            : Start(spec, CreateStartInfo(spec, program, launcher, environment));
        if (spec.GroupFile is { } groupFile && launcher is not null)
        {
            LeftoverProcesses.Record(groupFile, process.Id);
        }

        try
        {
            return await SuperviseAsync(spec, process, ownGroup: launcher is not null, started, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Normally a no-op by now; after a surprise it keeps the child from outliving the run.
            if (!process.HasExited)
            {
                KillTree(process);
            }

            if (launcher is not null)
            {
                ProcessGroup.Kill(process.Id);
            }

            if (spec.GroupFile is { } recorded)
            {
                File.Delete(recorded);
            }
        }
    }

    private async Task<ProcessResult> SuperviseAsync(ProcessSpec spec, Process process, bool ownGroup, long started, CancellationToken cancellationToken)
    {
        var stdout = new OutputCapture(spec.MaxOutputBytes);
        var stderr = new OutputCapture(spec.MaxOutputBytes);
        using var stopPipes = new CancellationTokenSource();
        var reading = Task.WhenAll(
            stdout.ReadToEndAsync(process.StandardOutput.BaseStream, stopPipes.Token),
            stderr.ReadToEndAsync(process.StandardError.BaseStream, stopPipes.Token));
        var writing = WriteInputAsync(process, spec.StandardInput, stopPipes.Token);

        using var timeout = spec.Timeout is { } limit ? new CancellationTokenSource(limit, _timeProvider) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var killed = false;
        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            KillTree(process);
            killed = true;
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // Whatever the child left running in its group dies with it (and may hold the pipes open).
        if (ownGroup)
        {
            ProcessGroup.Kill(process.Id);
        }

        await DrainAsync(reading, writing, stopPipes).ConfigureAwait(false);

        if (killed && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"Canceled {spec}; its process tree was killed.", cancellationToken);
        }

        return new ProcessResult(
            process.ExitCode,
            stdout.Decode(),
            stderr.Decode(),
            TimedOut: killed,
            stdout.Truncated,
            stderr.Truncated,
            _timeProvider.GetElapsedTime(started),
            stdout.TotalBytes,
            stderr.TotalBytes,
            stdout.Kept());
    }

    private static Dictionary<string, string> ChildEnvironment(ProcessSpec spec)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec.InheritEnvironment)
        {
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                environment[(string)entry.Key] = (string?)entry.Value ?? "";
            }
        }

        foreach (var (name, value) in spec.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static ProcessStartInfo CreateStartInfo(ProcessSpec spec, string program, GroupLauncher? launcher, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo
        {
            FileName = launcher?.Program ?? program,
            UseShellExecute = false,
            // Always redirected: an inherited stdin would let a child block reading the orchestrator's terminal.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory is null ? "" : Path.GetFullPath(spec.WorkingDirectory),
        };
        if (launcher is not null)
        {
            foreach (var argument in launcher.Arguments)
            {
                info.ArgumentList.Add(argument);
            }

            info.ArgumentList.Add(program);
        }

        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Reading Environment fills it from the parent's; clear it so the child sees exactly ours.
        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static Process Start(ProcessSpec spec, ProcessStartInfo info)
    {
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
            return process;
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            throw new ProcessStartException(spec.FileName, spec.WorkingDirectory, $"{exception.Message}.", innerException: exception);
        }
    }

    private static async Task WriteInputAsync(Process process, ReadOnlyMemory<byte>? input, CancellationToken cancellationToken)
    {
        var stdin = process.StandardInput;
        try
        {
            if (input is { Length: > 0 } bytes)
            {
                await stdin.BaseStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The child closed its stdin or exited before reading it all: not reading is its choice.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The child is gone and something outside its group holds the pipe without reading.
        }
        finally
        {
            try
            {
                stdin.Dispose();
            }
            catch (IOException)
            {
                // Closing a pipe whose reader is gone; nothing was left unwritten that mattered.
            }
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            // The walk first, while descendants are still linked to their parents; the group kill
            // that follows reaches those already orphaned.
            process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or Win32Exception or AggregateException)
        {
            // Already exited, or a descendant could not be signalled; the group kill still runs.
        }
    }

    private async Task DrainAsync(Task reading, Task writing, CancellationTokenSource stopPipes)
    {
        try
        {
            await reading.WaitAsync(_outputDrainGrace, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A descendant outside the group still holds stdout or stderr open: stop reading.
        }

        await stopPipes.CancelAsync().ConfigureAwait(false);
        try
        {
            await reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopPipes.IsCancellationRequested)
        {
            // The output read until then is what the result holds.
        }

        await writing.ConfigureAwait(false);
    }
}
