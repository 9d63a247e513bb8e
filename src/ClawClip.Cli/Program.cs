using System.CommandLine;
using ClawClip.Cli;
using ClawClip.Cli.Commands;

var root = new RootCommand("claw.clip: a file-based, git-native orchestrator for a team of coding agents.")
{
    CommonOptions.Repo,
    DemoCommand.Create(),
    InitCommand.Create(),
    SubmitCommand.Create(),
    ClaimCommand.Create(),
    TransitionCommand.Create(),
    TransitionCommand.CreateRelease(),
    ReapCommand.Create(),
    StatusCommand.Create(),
    ShowCommand.Create(),
    LogCommand.Create(),
    GoalsCommand.Create(),
    MergeCommand.Create(),
    RunCommand.Create(),
    ApproveCommand.Create(),
    RetryCommand.Create(),
    ExampleAgentCommand.Create(),
    DaemonCommand.Create(),
    DaemonCommand.CreateKick(),
    StopCommands.CreateStop(),
    StopCommands.CreateResume(),
    BudgetCommand.Create(),
    ServiceCommand.Create(),
    DoctorCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine("error: " + error.Message);
    }

    Console.Error.WriteLine("run `clawclip --help` for usage");
    return ExitCodes.Usage;
}

return await parse.InvokeAsync().ConfigureAwait(false);
