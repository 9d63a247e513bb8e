using ClawClip.Core.Lineage;

namespace ClawClip.State;

/// <summary>A change to one file outside the task folders, and how its lineage commit reads. Null content deletes.</summary>
internal sealed record GuardedChange(byte[]? Content, string Subject, string Reason, IReadOnlyList<Trailer> Trailers);
