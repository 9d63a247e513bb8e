using ClawClip.Core.Lineage;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// A lineage record waiting in <c>state/pending/</c>, with what recovery needs to judge it if its writer
/// dies: the lock that guarded the change and, for a task transition, which event it adds.
/// </summary>
/// <param name="Key">Sortable and unique: time, process, counter.</param>
/// <param name="GuardLock">The lock, relative to <c>state/</c>, held while the change was made.</param>
/// <param name="Task">The task moved, for a task transition.</param>
/// <param name="EventIndex">The index in the task's history of the event this transition adds.</param>
/// <param name="From">Where the task was (null for a submission).</param>
/// <param name="Record">The commit to write.</param>
internal sealed record JournalEntry(string Key, string GuardLock, TaskId? Task, int? EventIndex, TaskState? From, LineageRecord Record);
