using ClawClip.Core.Budgets;

namespace ClawClip.Core.Tests.Budgets;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0.30000000000000004", "0.3")]
    [InlineData("0.1234565", "0.123457")]
    [InlineData("0.19", "0.19")]
    [InlineData("4.11", "4.11")]
    public void Round_KeepsSixPlaces_AndDropsFloatNoise(string reported, string recorded)
    {
        Assert.Equal(decimal.Parse(recorded, System.Globalization.CultureInfo.InvariantCulture), Money.Round(decimal.Parse(reported, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Exact_WritesSixPlacesAlways()
    {
        Assert.Equal("0.190000", Money.Exact(0.19m));
        Assert.Equal("0.300000", Money.Exact(0.30000000000000004m));
        Assert.Equal("0.000000", Money.Exact(0m));
    }
}
