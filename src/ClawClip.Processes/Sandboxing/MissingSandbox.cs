namespace ClawClip.Processes.Sandboxing;

/// <summary>No sandbox on this machine: a confined process is refused, with the way to get one.</summary>
public sealed class MissingSandbox : ISandbox
{
    public MissingSandbox(string detail, string fix)
    {
        Detail = detail;
        Fix = fix;
    }

    public string Detail { get; }

    public string Fix { get; }

    public string Name => "missing";

    public bool Confines => false;

    public ProcessSpec Wrap(ProcessSpec spec, string program, Confinement confinement) =>
        throw new ProcessStartException(spec.FileName, spec.WorkingDirectory, $"it must run in a sandbox and {Detail}; {Fix}, or set `sandbox: off` in clawclip.yaml to run agents unconfined.");

    public Task<SandboxProbe> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(new SandboxProbe(false, Detail, Fix));
}
