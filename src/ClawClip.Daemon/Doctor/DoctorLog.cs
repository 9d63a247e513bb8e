using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon.Doctor;

/// <summary>The daemon's log events about doctor requests.</summary>
internal static partial class DoctorLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "doctor {RequestId}: checks ran in the daemon, {Failed} failed, {Warned} warned")]
    public static partial void Answered(ILogger logger, string requestId, int failed, int warned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "doctor request refused: {Problem}")]
    public static partial void Refused(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "doctor {RequestId}: the checks themselves failed")]
    public static partial void ChecksFailed(ILogger logger, string requestId, Exception exception);
}
