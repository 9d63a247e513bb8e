using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Tasks;

public sealed class TaskIdTests
{
    [Theory]
    [InlineData("T-0007", 7)]
    [InlineData("T-0000", 0)]
    [InlineData("T-1234", 1234)]
    [InlineData("T-9999", 9999)]
    [InlineData("T-10000", 10000)]
    [InlineData("T-12345", 12345)]
    [InlineData("T-999999999999999999", 999_999_999_999_999_999)]
    public void Parse_WhenTheIdIsCanonical_ReadsItsNumber(string text, long number)
    {
        var id = TaskId.Parse(text);

        Assert.Equal(number, id.Number);
        Assert.Equal(text, id.Value);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("T-0007/../../etc")]
    [InlineData("T-7")]
    [InlineData("T-007")]
    [InlineData("T-00007")]
    [InlineData("T-01234")]
    [InlineData("t-0001")]
    [InlineData("T_0001")]
    [InlineData("T-")]
    [InlineData(" T-0001")]
    [InlineData("T-0001 ")]
    [InlineData("T-0001\n")]
    [InlineData("T-+123")]
    [InlineData("T--123")]
    [InlineData("T-12a4")]
    [InlineData("T-١٢٣٤")]
    [InlineData("T-1000000000000000000")]
    [InlineData("T-99999999999999999999")]
    [InlineData("T-99999999999999999999999999999999")]
    public void TryParse_WhenTheTextIsNotACanonicalId_Fails(string text)
    {
        Assert.False(TaskId.TryParse(text, out var id));
        Assert.Equal(default, id);
    }

    [Fact]
    public void TryParse_WhenTheTextIsNull_Fails()
    {
        Assert.False(TaskId.TryParse(null, out _));
    }

    [Fact]
    public void Parse_WhenTheTextIsAPath_ThrowsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => TaskId.Parse("../x"));

        Assert.Contains("'../x'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "T-0000")]
    [InlineData(7, "T-0007")]
    [InlineData(1234, "T-1234")]
    [InlineData(12345, "T-12345")]
    public void FromNumber_PadsToFourDigitsOnly(long number, string expected)
    {
        Assert.Equal(expected, TaskId.FromNumber(number).Value);
    }

    [Fact]
    public void FromNumber_WhenTheNumberIsNegative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskId.FromNumber(-1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9_999)]
    [InlineData(10_000)]
    [InlineData(TaskId.MaxNumber)]
    public void FromNumber_GivesAnIdThatParsesBackToTheSameNumber(long number)
    {
        var id = TaskId.FromNumber(number);

        Assert.Equal(number, TaskId.Parse(id.Value).Number);
    }

    [Theory]
    [InlineData(TaskId.MaxNumber + 1)]
    [InlineData(long.MaxValue)]
    public void FromNumber_WhenTheIdWouldBeTooLongToParse_Throws(long number)
    {
        // Such an id would name a file that every later listing of its folder refuses to read.
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskId.FromNumber(number));
    }

    [Theory]
    [InlineData("T-0007", "00")]
    [InlineData("T-0099", "00")]
    [InlineData("T-0100", "01")]
    [InlineData("T-1234", "12")]
    [InlineData("T-9999", "99")]
    [InlineData("T-12345", "123")]
    public void Shard_IsTheIdsBlockOfAHundred(string text, string shard)
    {
        Assert.Equal(shard, TaskId.Parse(text).Shard);
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(TaskId.FromNumber(7), TaskId.Parse("T-0007"));
        Assert.NotEqual(TaskId.FromNumber(7), TaskId.FromNumber(8));
    }
}
