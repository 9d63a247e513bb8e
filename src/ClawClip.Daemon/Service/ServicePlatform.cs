namespace ClawClip.Daemon.Service;

/// <summary>The service manager a service file is written for.</summary>
public enum ServicePlatform
{
    /// <summary>launchd: a LaunchAgent in the user's <c>gui/UID</c> domain, <c>~/Library/LaunchAgents/LABEL.plist</c>.</summary>
    MacOS,

    /// <summary>systemd: a user unit, <c>~/.config/systemd/user/NAME.service</c>.</summary>
    Linux,
}
