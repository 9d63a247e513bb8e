namespace ClawClip.Daemon.Service;

/// <summary>What <see cref="ServiceInstaller"/> did with the service file.</summary>
public enum ServiceFileStatus
{
    /// <summary>Written (new, or replacing an older one of ours).</summary>
    Written,

    /// <summary>Already there with exactly this content; left as it was.</summary>
    Unchanged,

    /// <summary>Shown, not written (<c>--print</c>).</summary>
    Previewed,

    /// <summary>Removed.</summary>
    Removed,

    /// <summary>Uninstall found no file to remove.</summary>
    NotInstalled,

    /// <summary>A file is there that clawclip did not write: left alone (unless forced).</summary>
    Foreign,
}
