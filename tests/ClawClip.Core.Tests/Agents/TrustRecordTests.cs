using ClawClip.Core.Agents;

namespace ClawClip.Core.Tests.Agents;

public sealed class TrustRecordTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void After_ThreeSuccessesInARow_PromotesAnInternToJunior_AndStartsANewStreak()
    {
        var trust = TrustRecord.New(AgentId.Parse("dev-1"));

        var first = trust.After(success: true, 0.5m, TrustRules.Default, At).After;
        var second = first.After(success: true, 0.5m, TrustRules.Default, At).After;
        var third = second.After(success: true, 0.5m, TrustRules.Default, At);

        Assert.Equal(Tier.Intern, second.Tier);
        Assert.True(third.Promoted);
        Assert.Equal(Tier.Junior, third.After.Tier);
        Assert.Equal(0, third.After.SuccessesInARow);
        Assert.Equal(1.5m, third.After.SpendUsd);
        Assert.Contains("3 successes in a row take intern to junior", third.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WithSpend_AddsTheCostRounded_AndLeavesStreaksAndTierAlone()
    {
        var trust = TrustRecord.New(AgentId.Parse("qa-1")).After(success: false, 0m, TrustRules.Default, At).After;

        var spent = trust.WithSpend(0.30000000000000004m, At).WithSpend(0.19m, At);

        Assert.Equal(0.49m, spent.SpendUsd);
        Assert.Equal((1, 1, Tier.Intern), (spent.FailuresInARow, spent.Failures, spent.Tier));
    }

    [Theory]
    [InlineData(Tier.Junior, 5, Tier.Senior)]
    [InlineData(Tier.Senior, 10, Tier.Principal)]
    public void After_TheThresholdOfEachTier_PromotesOneTier(Tier from, int needed, Tier to)
    {
        var trust = TrustRecord.New(AgentId.Parse("dev-1")) with { Tier = from };
        for (var i = 1; i < needed; i++)
        {
            trust = trust.After(true, 0, TrustRules.Default, At).After;
            Assert.Equal(from, trust.Tier);
        }

        Assert.Equal(to, trust.After(true, 0, TrustRules.Default, At).After.Tier);
    }

    [Fact]
    public void After_APrincipal_StaysPrincipal()
    {
        var trust = TrustRecord.New(AgentId.Parse("dev-1")) with { Tier = Tier.Principal, SuccessesInARow = 100 };

        Assert.False(trust.After(true, 0, TrustRules.Default, At).Promoted);
    }

    [Fact]
    public void After_ThreeFailuresInARow_DemotesOneTier_AndAFailureBreaksTheSuccessStreak()
    {
        var trust = TrustRecord.New(AgentId.Parse("dev-1")) with { Tier = Tier.Senior, SuccessesInARow = 9 };

        var afterFailure = trust.After(false, 0, TrustRules.Default, At).After;
        Assert.Equal(0, afterFailure.SuccessesInARow);
        var second = afterFailure.After(false, 0, TrustRules.Default, At).After;
        var third = second.After(false, 0, TrustRules.Default, At);

        Assert.True(third.Demoted);
        Assert.Equal(Tier.Junior, third.After.Tier);
        Assert.Equal(3, third.After.Failures);
    }

    [Fact]
    public void After_FailuresOfAnIntern_KeepItAnIntern()
    {
        var trust = TrustRecord.New(AgentId.Parse("dev-1"));
        for (var i = 0; i < 5; i++)
        {
            trust = trust.After(false, 0, TrustRules.Default, At).After;
        }

        Assert.Equal(Tier.Intern, trust.Tier);
    }

    [Fact]
    public void TierPolicy_OnlyAnInternsWorkWaitsForAPerson_AndLimitsGrowWithTheTier()
    {
        Assert.False(TierPolicy.For(Tier.Intern).MayMergeWithoutPerson);
        Assert.True(TierPolicy.For(Tier.Junior).MayMergeWithoutPerson);
        Assert.True(TierPolicy.For(Tier.Intern).MaxTurns < TierPolicy.For(Tier.Principal).MaxTurns);
        Assert.Equal(Tier.Senior.LeaseLength(), TierPolicy.For(Tier.Senior).Lease);
    }
}
