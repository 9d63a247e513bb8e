using System.Text;

namespace ClawClip.Daemon.Service;

/// <summary>
/// The systemd user unit that keeps <c>clawclip daemon</c> running for one repository: restarted whatever the
/// exit, stdout and stderr to the journal. Secrets are no <c>EnvironmentFile=</c>: the daemon is passed
/// <c>--env-file</c> and reads them itself, so they never enter its process environment.
/// </summary>
internal static class SystemdUserUnit
{
    /// <summary>The comment that marks a file as written by clawclip, so it may be replaced or removed.</summary>
    public const string Marker = "# Written by clawclip service install; clawclip service uninstall removes it.";

    public static string Build(ServiceDefinition service)
    {
        var unit = new StringBuilder();
        unit.Append(Marker).Append('\n');
        unit.Append("[Unit]\n");
        unit.Append("Description=claw.clip daemon for ").Append(SystemdSyntax.Text(service.RepositoryRoot)).Append('\n');

        // A user manager has no network-online.target of its own; the ordering is harmless there and right under a system manager.
        unit.Append("After=network-online.target\n");
        unit.Append('\n');
        unit.Append("[Service]\n");
        unit.Append("Type=simple\n");
        var command = service.DaemonCommand;
        unit.Append("ExecStart=").Append(SystemdSyntax.Executable(command[0]));
        foreach (var argument in command.Skip(1))
        {
            unit.Append(' ').Append(SystemdSyntax.CommandWord(argument));
        }

        unit.Append('\n');
        unit.Append("WorkingDirectory=").Append(SystemdSyntax.PathValue(service.WorkingDirectory)).Append('\n');
        foreach (var (name, value) in service.Environment.Variables)
        {
            unit.Append("Environment=").Append(SystemdSyntax.Assignment(name, value)).Append('\n');
        }

        unit.Append("Restart=always\n");
        unit.Append("RestartSec=10\n");
        unit.Append("TimeoutStopSec=60\n");

        // SIGTERM to the daemon alone, which stops its agents itself; whatever is left after the timeout is killed.
        unit.Append("KillMode=mixed\n");
        unit.Append('\n');
        unit.Append("[Install]\n");
        unit.Append("WantedBy=default.target\n");
        return unit.ToString();
    }
}
