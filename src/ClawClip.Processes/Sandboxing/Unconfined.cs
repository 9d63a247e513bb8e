namespace ClawClip.Processes.Sandboxing;

/// <summary>
/// <c>sandbox: off</c> in clawclip.yaml: processes run as they are, with only their own environment and working folder
/// between them and the machine. Chosen by a person, never by default; the lineage says <c>Sandbox: off</c>.
/// </summary>
public sealed class Unconfined : ISandbox
{
    public static Unconfined Instance { get; } = new();

    private Unconfined()
    {
    }

    public string Name => "off";

    public bool Confines => false;

    public ProcessSpec Wrap(ProcessSpec spec, string program, Confinement confinement) => spec with { FileName = program, Confinement = null };

    public Task<SandboxProbe> ProbeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SandboxProbe(false, "sandbox: off in clawclip.yaml: agents run unconfined", "remove `sandbox: off` from clawclip.yaml once a sandbox works here"));
}
