using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon;

/// <summary>What the pipeline does, as structured log events (the task as a property); what went wrong at warning level.</summary>
public sealed partial class LoggingObserver : IPipelineObserver
{
    private readonly ILogger<LoggingObserver> logger;

    public LoggingObserver(ILogger<LoggingObserver> logger) => this.logger = logger;

    public void Noted(TaskId task, string message) => LogNoted(task.Value, message);

    public void Said(string message) => LogSaid(message);

    /// <inheritdoc />
    public void Warned(TaskId? task, string message)
    {
        if (task is { } id)
        {
            LogTaskWarning(id.Value, message);
        }
        else
        {
            LogWarning(message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Task} {What}")]
    private partial void LogNoted(string task, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "{What}")]
    private partial void LogSaid(string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Task} {What}")]
    private partial void LogTaskWarning(string task, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What}")]
    private partial void LogWarning(string what);
}
