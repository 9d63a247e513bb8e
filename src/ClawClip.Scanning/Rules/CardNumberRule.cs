using System.Text.RegularExpressions;

namespace ClawClip.Scanning.Rules;

/// <summary>
/// A payment card number: 13–19 digits (optionally grouped by single spaces or hyphens) that start like a real
/// network's numbers (Visa, Mastercard, Amex, Discover, JCB, Diners) and pass Luhn. The network prefix keeps
/// timestamps and ids that happen to pass Luhn (one in ten does) from being flagged; the processors' published test
/// numbers (4111 1111 1111 1111, 4242 4242 4242 4242…) are let through.
/// </summary>
internal sealed partial class CardNumberRule : IScanRule
{
    private static readonly HashSet<string> TestNumbers = new(StringComparer.Ordinal)
    {
        "4111111111111111", "4242424242424242", "4012888888881881", "4222222222222", "4000056655665556",
        "4000000000000002", "4000000000009995", "4000000000000077", "4000000000003063", "4012000033330026",
        "5555555555554444", "5105105105105100", "5200828282828210", "2223003122003222", "5454545454545454",
        "378282246310005", "371449635398431", "378734493671000", "6011111111111117", "6011000990139424",
        "6011000000000012", "3530111333300000", "3566002020360505", "30569309025904", "38520000023237",
        "36227206271667", "6200000000000005",
    };

    public string Name => RuleNames.CardNumber;

    public FindingKind Kind => FindingKind.Pii;

    public IEnumerable<string> Matches(string line)
    {
        foreach (Match match in Digits().Matches(line))
        {
            var digits = new string([.. match.Value.Where(char.IsAsciiDigit)]);
            if (digits.Length is >= 13 and <= 19
                && HasNetworkPrefix(digits)
                && PassesLuhn(digits)
                && !TestNumbers.Contains(digits))
            {
                yield return match.Value;
            }
        }
    }

    /// <summary>Whether <paramref name="digits"/> passes the Luhn check every card number carries.</summary>
    internal static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if (doubled)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    private static bool HasNetworkPrefix(string digits)
    {
        var two = int.Parse(digits.AsSpan(0, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var three = int.Parse(digits.AsSpan(0, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        var four = int.Parse(digits.AsSpan(0, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        return digits[0] == '4'                          // Visa
            || two is >= 51 and <= 55                    // Mastercard
            || four is >= 2221 and <= 2720               // Mastercard's 2-series
            || two is 34 or 37                           // Amex
            || four == 6011 || two == 65 || three is >= 644 and <= 649 // Discover
            || two == 35                                 // JCB
            || two is 36 or 38 || three is >= 300 and <= 305 // Diners
            || two == 62;                                // UnionPay
    }

    [GeneratedRegex(@"(?<![0-9\-.])[0-9](?:[ \-]?[0-9]){12,18}(?![0-9\-.])", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
