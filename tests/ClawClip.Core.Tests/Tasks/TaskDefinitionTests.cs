using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Tasks;

public sealed class TaskDefinitionTests
{
    private static readonly TaskDefinition Valid =
        new("Add the reaper", "Return expired claims.", ["expired claims return"], 50, ["csharp"], null, [], 3);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(100, 100)]
    public void Validated_AtTheEdgesOfTheRanges_ReturnsTheDefinition(int priority, int maxAttempts)
    {
        var definition = Valid with { Priority = priority, MaxAttempts = maxAttempts, Title = new string('x', 200) };

        Assert.Same(definition, definition.Validated());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two\nlines")]
    public void Validated_WhenTheTitleIsBlankOrSpansLines_ThrowsNamingTitle(string title)
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { Title = title }).Validated());

        Assert.Equal("Title", error.ParamName);
    }

    [Fact]
    public void Validated_WhenTheTitleIsLongerThan200Characters_ThrowsNamingTitle()
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { Title = new string('x', 201) }).Validated());

        Assert.Equal("Title", error.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Validated_WhenThePriorityIsOutOfRange_ThrowsNamingPriority(int priority)
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { Priority = priority }).Validated());

        Assert.Equal("Priority", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Validated_WhenMaxAttemptsIsOutOfRange_ThrowsNamingMaxAttempts(int maxAttempts)
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { MaxAttempts = maxAttempts }).Validated());

        Assert.Equal("MaxAttempts", error.ParamName);
    }

    [Theory]
    [InlineData("c#")]
    [InlineData("c++")]
    [InlineData(".net")]
    [InlineData("front-end")]
    public void Validated_WhenTheSkillsAreNamedAsAllowed_Passes(string skill)
    {
        var definition = Valid with { Skills = [skill] };

        Assert.Same(definition, definition.Validated());
    }

    [Theory]
    [InlineData("")]
    [InlineData("C#")]
    [InlineData("front end")]
    [InlineData("csharp/dotnet")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void Validated_WhenASkillIsNotASkillName_ThrowsNamingSkills(string skill)
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { Skills = ["csharp", skill] }).Validated());

        Assert.Equal("Skills", error.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(480)]
    public void Validated_WithNoEstimateOrOneInRange_ReturnsTheDefinition(int? minutes)
    {
        var definition = Valid with { EstimateMinutes = minutes };

        Assert.Same(definition, definition.Validated());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(481)]
    public void Validated_WhenTheEstimateIsOutOfRange_ThrowsNamingIt(int minutes)
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { EstimateMinutes = minutes }).Validated());

        Assert.Equal("EstimateMinutes", error.ParamName);
        Assert.Contains("use 1–480 minutes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidatedForIntake_AtEveryLimit_ReturnsTheDefinition()
    {
        var definition = Valid with
        {
            Title = new string('x', TaskDefinition.MaxTitleLength),
            Spec = new string('é', TaskDefinition.MaxSpecBytes / 2), // two bytes each in UTF-8
            Acceptance = [.. Enumerable.Repeat(new string('y', TaskDefinition.MaxCriterionLength), TaskDefinition.MostAcceptanceCriteria)],
        };

        Assert.Same(definition, definition.ValidatedForIntake());
    }

    [Fact]
    public void ValidatedForIntake_WhenTheSpecIsOver64KiBOfUtf8_ThrowsNamingSpecAndTheLimit()
    {
        var definition = Valid with { Spec = new string('é', (TaskDefinition.MaxSpecBytes / 2) + 1) };

        var error = Assert.Throws<ArgumentException>(() => definition.ValidatedForIntake());

        Assert.Equal("Spec", error.ParamName);
        Assert.Contains("the spec is 65538 bytes; a task's spec is at most 65536 bytes (64 KiB)", error.Message, StringComparison.Ordinal);
        Assert.Same(definition, definition.Validated()); // a task file already stored is still read
    }

    [Fact]
    public void ValidatedForIntake_WithTooManyAcceptanceCriteria_OrOneTooLong_ThrowsNamingAcceptance()
    {
        var many = Valid with { Acceptance = [.. Enumerable.Repeat("it works", TaskDefinition.MostAcceptanceCriteria + 1)] };
        var longOne = Valid with { Acceptance = ["short", new string('y', TaskDefinition.MaxCriterionLength + 1)] };

        var tooMany = Assert.Throws<ArgumentException>(() => many.ValidatedForIntake());
        var tooLong = Assert.Throws<ArgumentException>(() => longOne.ValidatedForIntake());

        Assert.Equal("Acceptance", tooMany.ParamName);
        Assert.Contains("21 acceptance criteria; a task has at most 20", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal("Acceptance", tooLong.ParamName);
        Assert.Contains("acceptance criterion 2 has 501 characters; each is at most 500", tooLong.Message, StringComparison.Ordinal);
    }
}
