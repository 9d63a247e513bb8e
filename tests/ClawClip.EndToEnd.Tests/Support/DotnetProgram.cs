using System.Diagnostics;

namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>Starts one of the solution's programs (built next to the tests) as a real OS process.</summary>
public static class DotnetProgram
{
    public static string PathOf(string assemblyName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        Assert.True(File.Exists(path), $"{path} is missing: the test project should reference {assemblyName}");
        return path;
    }

    /// <summary>
    /// Starts it with <paramref name="environment"/> added to this process's environment and the <paramref name="unset"/>
    /// variables removed; <c>CLAWCLIP_HOME</c> is <see cref="TestHome"/> unless <paramref name="environment"/> says otherwise.
    /// </summary>
    public static Process Start(string assemblyName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, IEnumerable<string>? unset = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(PathOf(assemblyName));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment[TestHome.Variable] = TestHome.Root; // clones and homes never in the real home
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var name in unset ?? [])
        {
            start.Environment.Remove(name);
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs a program to its end and returns exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string assemblyName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, IEnumerable<string>? unset = null)
    {
        using var process = Start(assemblyName, arguments, workingDirectory, environment, unset);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
