using System.Globalization;
using ClawClip.Bench;

// dotnet run -c Release --project bench/ClawClip.Bench -- [claims|status|lineage|all] [--tasks N]
var command = args.Length > 0 ? args[0] : "all";
if (command == "worker")
{
    return await ClaimBench.WorkAsync(args[1], args[2], Enum.Parse<ClaimBench.Mode>(args[3]));
}

var tasks = Option("--tasks", 10_000);
Console.WriteLine($"claw.clip bench — {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
if (command is "claims" or "all")
{
    foreach (var mode in Enum.GetValues<ClaimBench.Mode>())
    {
        foreach (var processes in new[] { 1, 8 })
        {
            var rate = await ClaimBench.RunAsync(tasks, processes, mode);
            Console.WriteLine($"claims  {mode,-16} {processes} process{(processes == 1 ? " " : "es")}  {rate,8:0} claims/s  ({tasks} tasks)");
        }
    }
}

return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
