namespace ClawClip.Daemon.Doctor;

/// <summary>What looking for an <c>apiKeyHelper</c> found.</summary>
/// <param name="File">The settings file that sets it; null when none does.</param>
/// <param name="Helper">The command it names.</param>
/// <param name="Problems">Settings files that could not be read, each with why.</param>
/// <param name="OnlyInCheckout">A project settings file that sets one in the person's checkout but not on the target branch, so agents do not see it.</param>
internal sealed record HelperSearch(string? File, string? Helper, IReadOnlyList<string> Problems, string? OnlyInCheckout);
