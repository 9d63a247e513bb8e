using ClawClip.Core.Alerts;
using ClawClip.Daemon.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Json;

namespace ClawClip.Daemon;

/// <summary>
/// <c>clawclip daemon</c>: one per repository (an OS lock), logging to the console and to a rolling JSON file, running
/// its jobs until SIGTERM or SIGINT, then stopping within the stop timeout.
/// </summary>
public static class DaemonHost
{
    /// <summary>Runs the daemon until it is stopped. Throws <see cref="DaemonAlreadyRunningException"/> if one runs already.</summary>
    /// <param name="paths">The repository's daemon files.</param>
    /// <param name="options">Pacing and stop timeout.</param>
    /// <param name="jobs">Makes the jobs, given where they report what they do and whom they alert.</param>
    /// <param name="cancellationToken">Stops the daemon, as SIGTERM does.</param>
    public static async Task RunAsync(DaemonPaths paths, DaemonOptions options, Func<DaemonContext, IReadOnlyList<IDaemonJob>> jobs, CancellationToken cancellationToken)
    {
        using var instance = InstanceLock.TryAcquire(paths, out var holder)
            ?? throw new DaemonAlreadyRunningException(paths.RepositoryRoot, holder);
        Directory.CreateDirectory(paths.LogFolder);
        await using var serilog = new LoggerConfiguration()
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new JsonFormatter(renderMessage: true), Path.Combine(paths.LogFolder, "daemon-.json"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14)
            .CreateLogger();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = paths.RepositoryRoot, ApplicationName = "clawclip" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(serilog);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.StopTimeout + TimeSpan.FromSeconds(45));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Wakeup>();
        builder.Services.AddSingleton<LoggingObserver>();
        if (options.Webhook is { } webhook)
        {
            // Disposed by the host after the jobs stopped: what is still queued gets its last attempts then.
            builder.Services.AddSingleton<INotifier>(services => new WebhookNotifier(webhook, services.GetRequiredService<HttpClient>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<WebhookNotifier>>()));
            builder.Services.AddSingleton(_ => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
        }
        else
        {
            builder.Services.AddSingleton<INotifier>(NullNotifier.Instance);
        }

        builder.Services.AddSingleton<IAlerts, AlertNotifier>();
        builder.Services.AddSingleton<IReadOnlyList<IDaemonJob>>(services => jobs(new DaemonContext(
            services.GetRequiredService<LoggingObserver>(),
            services.GetRequiredService<IAlerts>(),
            services.GetRequiredService<INotifier>(),
            services.GetRequiredService<Wakeup>(),
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping)));
        builder.Services.AddHostedService<KickWatcher>();
        builder.Services.AddHostedService<Doctor.DoctorRequestWatcher>();
        builder.Services.AddHostedService<DaemonLoop>();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("clawclip.daemon");
        DaemonLog.Started(logger, paths.RepositoryRoot, holder);
        if (options.Webhook is { } hook)
        {
            DaemonLog.Notifying(logger, hook);
        }

        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        DaemonLog.Stopped(logger, paths.RepositoryRoot);
    }
}
