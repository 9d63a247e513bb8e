namespace ClawClip.Processes.Sandboxing;

/// <summary>
/// The operating system's boundary around an untrusted process (an agent, a check, the merge gate, git in an
/// agent's clone): <see cref="Wrap"/> turns a spec that asks for a <see cref="Confinement"/> into the spec that
/// starts it inside one. The process runner applies it to every spec with <see cref="ProcessSpec.Confinement"/> set.
/// </summary>
public interface ISandbox
{
    /// <summary>A short name for logs, doctor and the lineage: <c>bubblewrap</c>, <c>seatbelt</c>, <c>off</c>, <c>missing</c>.</summary>
    string Name { get; }

    /// <summary>Whether processes started through it are really confined (false for <c>sandbox: off</c>).</summary>
    bool Confines { get; }

    /// <summary>
    /// The spec that runs <paramref name="spec"/>'s program (already resolved to <paramref name="program"/>) inside
    /// <paramref name="confinement"/>. Its environment is the spec's, with the sandbox's private TMPDIR.
    /// </summary>
    /// <exception cref="ProcessStartException">There is no working sandbox here; the message says how to get one.</exception>
    ProcessSpec Wrap(ProcessSpec spec, string program, Confinement confinement);

    /// <summary>Starts a trivial confined process to find out whether the sandbox works here.</summary>
    Task<SandboxProbe> ProbeAsync(CancellationToken cancellationToken);
}
