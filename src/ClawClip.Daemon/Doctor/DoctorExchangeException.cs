namespace ClawClip.Daemon.Doctor;

/// <summary>A doctor request or reply file that cannot be used: the message names the file and what is wrong with it.</summary>
public sealed class DoctorExchangeException(string file, string problem) : Exception($"{file}: {problem}")
{
    public string File { get; } = file;

    public string Problem { get; } = problem;
}
