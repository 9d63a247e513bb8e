using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>What a run of the pipeline did.</summary>
/// <param name="Passes">How many passes it made.</param>
/// <param name="Touched">Every task it moved or tried, with the status it left it in.</param>
/// <param name="Stopped">The emergency stop that ended it early, if one was in force.</param>
public sealed record PipelineReport(int Passes, IReadOnlyDictionary<TaskId, TaskState> Touched, EmergencyStop? Stopped);
