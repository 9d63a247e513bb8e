namespace ClawClip.Scanning;

/// <summary>What a finding puts at risk: a credential someone could use, or data about a person.</summary>
public enum FindingKind
{
    /// <summary>A credential: a key, a token, a password.</summary>
    Secret,

    /// <summary>Personal data: an email address, a card number.</summary>
    Pii,
}
