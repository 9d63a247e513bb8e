using System.Collections;
using System.CommandLine;
using ClawClip.Daemon.Service;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip service install|uninstall</c>: the LaunchAgent (macOS) or systemd user unit (Linux) that keeps
/// <c>clawclip daemon</c> running for this repository. It writes or removes the file and prints the launchctl
/// or systemctl commands; it runs none of them.
/// </summary>
internal static class ServiceCommand
{
    public static Command Create() =>
        new("service", "Keep `clawclip daemon` running all day: a LaunchAgent on macOS, a systemd user unit on Linux.")
        {
            CreateInstall(),
            CreateUninstall(),
        };

    private static Command CreateInstall()
    {
        var platform = Platform();
        var home = Home();
        var force = Force("Replace the file even if clawclip did not write it.");
        var environmentFile = new Option<string?>("--env-file")
        {
            Description = "A file of KEY=value lines (chmod 600) with the daemon's secrets, such as ANTHROPIC_API_KEY; never copied into the service file.",
        };
        var print = new Option<bool>("--print") { Description = "Print the file instead of writing it." };
        var command = new Command("install", "Write the service file and print the commands that start it.") { platform, home, environmentFile, force, print };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var request = Request(parse, repository.Root, platform, home, force) with
            {
                EnvironmentFile = parse.GetValue(environmentFile) is { } file ? Path.GetFullPath(file) : null,
            };
            if (parse.GetValue(print))
            {
                Console.Write(ServiceInstaller.Preview(request).Content);
                return ExitCodes.Ok;
            }

            if (!Directory.Exists(repository.Layout.Root))
            {
                throw new CliException(ExitCodes.NotInitialized, $"{repository.Root} has no claw.clip state, so the daemon would not start: run `clawclip init` there first");
            }

            var outcome = await ServiceInstaller.InstallAsync(request, cancellationToken).ConfigureAwait(false);
            RefuseForeign(outcome);
            Console.WriteLine(outcome.Status == ServiceFileStatus.Unchanged ? $"{outcome.FilePath} is already up to date" : $"wrote {outcome.FilePath}");
            PrintCommands("run (clawclip does not run these itself):", outcome.Run);
            PrintCommands("check:", outcome.Check);
            foreach (var note in outcome.Notes)
            {
                Console.WriteLine(note);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateUninstall()
    {
        var platform = Platform();
        var home = Home();
        var force = Force("Remove the file even if clawclip did not write it.");
        var command = new Command("uninstall", "Remove the service file and print the commands that stop the service.") { platform, home, force };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var request = Request(parse, CommonOptions.Repository(parse).Root, platform, home, force);
            var outcome = await ServiceInstaller.UninstallAsync(request, cancellationToken).ConfigureAwait(false);
            RefuseForeign(outcome);
            Console.WriteLine(outcome.Status == ServiceFileStatus.Removed ? $"removed {outcome.FilePath}" : $"no service file at {outcome.FilePath}");
            PrintCommands("to stop it if it is still running, run:", outcome.Run);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> Platform()
    {
        var option = new Option<string?>("--platform") { Description = "macos or linux (default: this machine's)." };
        option.AcceptOnlyFromAmong("macos", "linux");
        return option;
    }

    private static Option<string?> Home() =>
        new("--home") { Description = "The home folder the file goes under (default: $HOME)." };

    private static Option<bool> Force(string description) => new("--force") { Description = description };

    private static ServiceRequest Request(ParseResult parse, string repositoryRoot, Option<string?> platform, Option<string?> home, Option<bool> force)
    {
        var program = ServiceProgram.FromProcess(Environment.ProcessPath, typeof(ServiceCommand).Assembly.Location);
        return new ServiceRequest(
            PlatformOf(parse.GetValue(platform)),
            Path.GetFullPath(parse.GetValue(home) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)),
            repositoryRoot,
            program,
            ShellEnvironment(),
            Environment.UserName,
            Force: parse.GetValue(force));
    }

    private static ServicePlatform PlatformOf(string? name) => name switch
    {
        "macos" => ServicePlatform.MacOS,
        "linux" => ServicePlatform.Linux,
        _ when OperatingSystem.IsMacOS() => ServicePlatform.MacOS,
        _ when OperatingSystem.IsLinux() => ServicePlatform.Linux,
        _ => throw new CliException(ExitCodes.Usage, "this system has neither launchd nor systemd; pass --platform macos or --platform linux to write the file anyway"),
    };

    private static Dictionary<string, string> ShellEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return variables;
    }

    private static void RefuseForeign(ServiceOutcome outcome)
    {
        if (outcome.Status == ServiceFileStatus.Foreign)
        {
            throw new CliException(ExitCodes.Conflict, string.Join(' ', outcome.Notes));
        }
    }

    private static void PrintCommands(string heading, IReadOnlyList<string> commands)
    {
        if (commands.Count == 0)
        {
            return;
        }

        Console.WriteLine(heading);
        foreach (var command in commands)
        {
            Console.WriteLine("  " + command);
        }
    }
}
