namespace ClawClip.Scanning;

/// <summary>
/// One match of one rule. It never holds the value it matched, only <see cref="Redacted"/>, so a finding can go into
/// logs, the lineage, a prompt to the dev or a webhook without carrying the secret along.
/// </summary>
/// <param name="Path">The file the line was added to.</param>
/// <param name="Line">The line's number in the new version of the file (1-based).</param>
/// <param name="Rule">The rule's name, one of <see cref="RuleNames"/>.</param>
/// <param name="Kind">Whether it is a secret or personal data.</param>
/// <param name="Redacted">The value's first few characters and its length (<see cref="Redaction.Of"/>).</param>
public sealed record Finding(string Path, int Line, string Rule, FindingKind Kind, string Redacted);
