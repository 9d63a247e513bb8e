namespace ClawClip.Scanning;

/// <summary>One named rule: finds the values of its kind in a single line.</summary>
internal interface IScanRule
{
    /// <summary>The rule's name, one of <see cref="RuleNames"/>.</summary>
    string Name { get; }

    /// <summary>Whether what it finds is a secret or personal data.</summary>
    FindingKind Kind { get; }

    /// <summary>
    /// The values in <paramref name="line"/> this rule flags, look-alikes already dropped. The raw values stay inside
    /// the scanner, which redacts them before anything leaves it.
    /// </summary>
    IEnumerable<string> Matches(string line);
}
