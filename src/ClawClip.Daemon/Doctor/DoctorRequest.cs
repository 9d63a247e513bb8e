namespace ClawClip.Daemon.Doctor;

/// <summary><c>.clawclip/requests/doctor-&lt;id&gt;.json</c>: <c>clawclip doctor</c> asks the running daemon to run the checks.</summary>
/// <param name="Schema">The format's version: 1.</param>
/// <param name="Id">The request's id, also in the file's name.</param>
/// <param name="Pid">The <c>clawclip doctor</c> process that asks.</param>
/// <param name="RequestedAt">When it asked.</param>
public sealed record DoctorRequest(int Schema, string Id, int Pid, DateTimeOffset RequestedAt);
