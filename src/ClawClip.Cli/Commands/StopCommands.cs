using System.CommandLine;
using ClawClip.Core.Agents;

namespace ClawClip.Cli.Commands;

/// <summary><c>clawclip stop</c> and <c>clawclip resume</c>: the emergency stop.</summary>
internal static class StopCommands
{
    public static Command CreateStop()
    {
        var reason = new Option<string>("--reason") { Description = "Why everything must stop.", Required = true };
        var command = new Command("stop", "Emergency stop: every claim is refused until `clawclip resume`.") { reason };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var store = CommonOptions.Repository(parse).OpenStore(TimeProvider.System);
            await store.StopAsync(Actor.Human, parse.GetRequiredValue(reason), cancellationToken).ConfigureAwait(false);
            Console.WriteLine("stopped: claims are refused until `clawclip resume`");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateResume()
    {
        var reason = CommonOptions.Reason("resumed with `clawclip resume`");
        var command = new Command("resume", "Lift the emergency stop.") { reason };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var store = CommonOptions.Repository(parse).OpenStore(TimeProvider.System);
            var lifted = await store.ResumeAsync(Actor.Human, parse.GetRequiredValue(reason), cancellationToken).ConfigureAwait(false);
            Console.WriteLine(lifted ? "resumed: claims are allowed again" : "no emergency stop was in force");
            return ExitCodes.Ok;
        });
        return command;
    }
}
