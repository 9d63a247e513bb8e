using System.Security.Cryptography;
using System.Text;

namespace ClawClip.Daemon.Service;

/// <summary>
/// Writes, shows and removes the per-user service file that keeps <c>clawclip daemon</c> running for one
/// repository: a LaunchAgent plist on macOS, a systemd user unit on Linux. It never runs launchctl or
/// systemctl; it returns the commands for a person to run. It replaces or removes only a file it wrote itself
/// (one with its marker comment), unless forced.
/// </summary>
public static class ServiceInstaller
{
    /// <summary>The file as install would write it, and where; nothing is written.</summary>
    public static ServiceOutcome Preview(ServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = ServiceLocation.Of(request);
        var service = Define(request);
        return new ServiceOutcome(ServiceFileStatus.Previewed, location.FilePath, Build(location, service), [], [], []);
    }

    public static async Task<ServiceOutcome> InstallAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = ServiceLocation.Of(request);
        var service = Define(request);
        var content = Build(location, service);

        var existing = File.Exists(location.FilePath)
            ? await File.ReadAllTextAsync(location.FilePath, cancellationToken).ConfigureAwait(false)
            : null;
        if (existing is not null && !IsOurs(existing, location) && !request.Force)
        {
            return Foreign(location, content);
        }

        var status = existing == content ? ServiceFileStatus.Unchanged : ServiceFileStatus.Written;
        if (status == ServiceFileStatus.Written)
        {
            await WriteAtomicallyAsync(location.FilePath, content, cancellationToken).ConfigureAwait(false);
        }

        if (request.Platform == ServicePlatform.MacOS)
        {
            // launchd opens StandardOutPath itself and does not create the folder it is in.
            Directory.CreateDirectory(Path.GetDirectoryName(service.StandardOutPath)!);
        }

        return new ServiceOutcome(
            status,
            location.FilePath,
            content,
            ServiceInstructions.AfterInstall(location, request.UserName, replaced: existing is not null),
            ServiceInstructions.Check(location, service),
            ServiceInstructions.Notes(location, service));
    }

    public static async Task<ServiceOutcome> UninstallAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = ServiceLocation.Of(request);
        if (!File.Exists(location.FilePath))
        {
            RemoveWantedByLink(location);
            return new ServiceOutcome(ServiceFileStatus.NotInstalled, location.FilePath, null, ServiceInstructions.AfterUninstall(location), [], []);
        }

        var existing = await File.ReadAllTextAsync(location.FilePath, cancellationToken).ConfigureAwait(false);
        if (!IsOurs(existing, location) && !request.Force)
        {
            return Foreign(location, null);
        }

        File.Delete(location.FilePath);
        RemoveWantedByLink(location);
        return new ServiceOutcome(ServiceFileStatus.Removed, location.FilePath, null, ServiceInstructions.AfterUninstall(location), [], []);
    }

    private static ServiceDefinition Define(ServiceRequest request)
    {
        if (request.EnvironmentFile is { } file && !Path.IsPathFullyQualified(file))
        {
            throw new ArgumentException($"the environment file must be an absolute path, not '{file}'", nameof(request));
        }

        return new ServiceDefinition(request.RepositoryRoot, request.Program, ServiceEnvironment.From(request.Environment, request.Home), request.EnvironmentFile);
    }

    private static string Build(ServiceLocation location, ServiceDefinition service) =>
        location.Platform == ServicePlatform.MacOS ? LaunchAgentPlist.Build(service, location.Name) : SystemdUserUnit.Build(service);

    private static bool IsOurs(string content, ServiceLocation location) => content.Contains(location.Marker, StringComparison.Ordinal);

    private static ServiceOutcome Foreign(ServiceLocation location, string? content) =>
        new(ServiceFileStatus.Foreign, location.FilePath, content, [], [], [$"{location.FilePath} was not written by clawclip; pass --force to replace or remove it anyway."]);

    /// <summary>Temporary file beside it, flushed, renamed over: launchd or systemd never reads half a file.</summary>
    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // launchd refuses a plist that others may write to.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        try
        {
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content), cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The link <c>systemctl --user enable</c> made; left dangling, systemd would complain at every login.</summary>
    private static void RemoveWantedByLink(ServiceLocation location)
    {
        if (location.WantedByLink is not { } link)
        {
            return;
        }

        var info = new FileInfo(link);
        if (info.LinkTarget is { } target && Path.GetFileName(target) == location.Name)
        {
            info.Delete();
        }
    }
}
