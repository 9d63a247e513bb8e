namespace ClawClip.Core.Agents;

/// <summary>An agent's earned trust, lowest first.</summary>
public enum Tier
{
    Intern,
    Junior,
    Senior,
    Principal,
}
