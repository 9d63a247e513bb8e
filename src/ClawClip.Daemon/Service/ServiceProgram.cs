namespace ClawClip.Daemon.Service;

/// <summary>
/// How a service manager starts <c>clawclip</c> again: the program, and what comes before clawclip's own
/// arguments (the path of <c>clawclip.dll</c> when it runs through <c>dotnet</c>, nothing for the apphost).
/// </summary>
public sealed class ServiceProgram
{
    public ServiceProgram(string program, IReadOnlyList<string> leadingArguments)
    {
        ArgumentNullException.ThrowIfNull(leadingArguments);
        if (!Path.IsPathFullyQualified(program))
        {
            throw new ArgumentException($"the service's program must be an absolute path, not '{program}'", nameof(program));
        }

        Program = program;
        LeadingArguments = [.. leadingArguments];
    }

    public string Program { get; }

    public IReadOnlyList<string> LeadingArguments { get; }

    /// <summary>
    /// The running clawclip: <paramref name="processPath"/> is <see cref="Environment.ProcessPath"/> (the apphost,
    /// or <c>dotnet</c>), <paramref name="entryAssemblyPath"/> the location of clawclip.dll.
    /// </summary>
    public static ServiceProgram FromProcess(string? processPath, string? entryAssemblyPath)
    {
        if (string.IsNullOrEmpty(processPath))
        {
            throw new InvalidOperationException("the path of the running program is unknown, so the service cannot name it");
        }

        var viaDotnet = string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.OrdinalIgnoreCase);
        if (!viaDotnet)
        {
            return new ServiceProgram(processPath, []);
        }

        if (string.IsNullOrEmpty(entryAssemblyPath))
        {
            throw new InvalidOperationException("clawclip runs through dotnet but the path of clawclip.dll is unknown, so the service cannot name it");
        }

        return new ServiceProgram(processPath, [Path.GetFullPath(entryAssemblyPath)]);
    }
}
