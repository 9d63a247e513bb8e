namespace ClawClip.Daemon.Doctor;

/// <summary>
/// <c>.clawclip/requests/doctor-&lt;id&gt;.reply.json</c>: the daemon's answer, with the report of the checks it ran in its
/// own process, or why it could not run them (a malformed request).
/// </summary>
/// <param name="Schema">The format's version: 1.</param>
/// <param name="Id">The request answered.</param>
/// <param name="Pid">The daemon's process.</param>
/// <param name="Report">What the checks found; null when <paramref name="Error"/> says why there is nothing.</param>
/// <param name="Error">Why the daemon could not answer; null when it did.</param>
public sealed record DoctorReply(int Schema, string Id, int Pid, DoctorReport? Report, string? Error);
