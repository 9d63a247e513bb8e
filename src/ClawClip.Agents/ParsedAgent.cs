using ClawClip.Core.Agents;

namespace ClawClip.Agents;

/// <summary>A definition with where it came from, so that checks across files can name the lines.</summary>
internal sealed record ParsedAgent(string File, AgentDefinition Definition, int NameLine);
