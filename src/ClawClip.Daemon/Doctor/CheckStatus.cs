namespace ClawClip.Daemon.Doctor;

/// <summary>How one check of <c>clawclip doctor</c> came out.</summary>
public enum CheckStatus
{
    /// <summary>Nothing to do.</summary>
    Ok,

    /// <summary>Works, but something is likely to go wrong later; the result says what to do about it.</summary>
    Warn,

    /// <summary>The daemon or an agent cannot work like this; the result says how to fix it.</summary>
    Fail,
}
