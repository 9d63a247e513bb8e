using ClawClip.Scanning;
using ClawClip.Scanning.Rules;

namespace ClawClip.Scanning.Tests;

public sealed class CardNumberRuleTests
{
    [Fact]
    public void Scan_WhenACardNumberPassingLuhnIsAdded_FlagsIt()
    {
        var number = Synthetic.CardNumber();

        var finding = Scans.AssertFlagged(RuleNames.CardNumber, number, $"card: {number}");

        Assert.Equal(FindingKind.Pii, finding.Kind);
    }

    [Fact]
    public void Scan_WhenTheNumberIsGroupedBySpacesOrHyphens_FlagsIt()
    {
        var number = Synthetic.CardNumber("5412", seed: 8);
        var spaced = string.Join(' ', Enumerable.Range(0, 4).Select(i => number.Substring(i * 4, 4)));
        var hyphened = spaced.Replace(' ', '-');

        Scans.AssertFlagged(RuleNames.CardNumber, spaced, $"pan={spaced}");
        Scans.AssertFlagged(RuleNames.CardNumber, hyphened, $"pan={hyphened}");
    }

    [Fact]
    public void Scan_WhenAnAmexNumberIsAdded_FlagsIt()
    {
        var number = Synthetic.CardNumber("3714", length: 15, seed: 5);

        Scans.AssertFlagged(RuleNames.CardNumber, number, number);
    }

    [Fact]
    public void Scan_WhenOneDigitIsChanged_LetsItThrough()
    {
        var number = Synthetic.CardNumber();
        var changed = number[..^1] + (char)('0' + ((number[^1] - '0' + 1) % 10));

        Assert.False(CardNumberRule.PassesLuhn(changed));
        Assert.True(Scans.Of($"card: {changed}").Count == 0, "a number failing Luhn was flagged");
    }

    [Theory]
    [InlineData("card: 4111111111111111")]
    [InlineData("card: 4242 4242 4242 4242")]
    [InlineData("card: 5555-5555-5555-4444")]
    [InlineData("card: 378282246310005")]
    [InlineData("created_at_ms: 1700000000009")] // passes Luhn, but no card network starts with 1
    [InlineData("version: 4.539.1234.5678")]
    [InlineData("id: 45391234567890123456789")] // too long
    public void Scan_WhenALookAlikeIsAdded_LetsItThrough(string line) => Scans.AssertClean(line);
}
