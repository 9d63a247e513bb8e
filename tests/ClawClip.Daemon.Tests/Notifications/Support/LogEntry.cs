using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon.Tests.Notifications.Support;

/// <summary>One log call as <see cref="RecordingLogger{T}"/> kept it: the event's name and its named properties.</summary>
internal sealed record LogEntry(LogLevel Level, EventId Event, string Message, IReadOnlyDictionary<string, object?> Properties, Exception? Exception)
{
    public object? this[string property] => Properties[property];
}
