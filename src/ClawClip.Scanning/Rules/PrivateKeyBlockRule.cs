using System.Text.RegularExpressions;

namespace ClawClip.Scanning.Rules;

/// <summary>
/// The armour line that opens a private key: PEM (<c>-----BEGIN RSA PRIVATE KEY-----</c>, EC, DSA, ENCRYPTED,
/// OPENSSH, PKCS#8's bare PRIVATE KEY) and PGP's <c>-----BEGIN PGP PRIVATE KEY BLOCK-----</c>. Public keys and
/// certificates open with other words and are let through. The header is flagged rather than the base64 body:
/// the body is split over many lines and means nothing without it.
/// </summary>
internal sealed partial class PrivateKeyBlockRule : IScanRule
{
    public string Name => RuleNames.PrivateKeyBlock;

    public FindingKind Kind => FindingKind.Secret;

    public IEnumerable<string> Matches(string line) =>
        Header().Matches(line).Select(match => match.Value);

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant)]
    private static partial Regex Header();
}
