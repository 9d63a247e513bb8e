namespace ClawClip.Agents.Tests;

public sealed class KeySuggestionTests
{
    private static readonly string[] Keys = ["name", "role", "model", "skills", "max_concurrent_tasks", "env"];

    [Theory]
    [InlineData("skils", "skills")]
    [InlineData("nmae", "name")]
    [InlineData("modle", "model")]
    [InlineData("Role", "role")]
    [InlineData("maxConcurrentTasks", "max_concurrent_tasks")]
    [InlineData("max-concurrent-task", "max_concurrent_tasks")]
    public void Closest_FindsTheKeyATypoWasMeantToBe(string typed, string expected)
    {
        Assert.Equal(expected, KeySuggestion.Closest(typed, Keys));
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("xyz")]
    [InlineData("environment")]
    public void Closest_SuggestsNothingForAKeyFarFromAllOfThem(string typed)
    {
        Assert.Null(KeySuggestion.Closest(typed, Keys));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "acb", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_CountsEditsWithSwapsAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, KeySuggestion.Distance(a, b));
    }
}
