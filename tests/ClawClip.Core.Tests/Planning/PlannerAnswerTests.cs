using System.Text.Json;
using ClawClip.Core.Planning;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Planning;

public sealed class PlannerAnswerTests
{
    [Fact]
    public void TryParse_ATaskWithinEveryLimit_IsTaken()
    {
        var tasks = PlannerAnswer.TryParse(Answer(new string('x', TaskDefinition.MaxSpecBytes), ["it works"]), out var problem);

        Assert.True(tasks is { Count: 2 }, problem);
    }

    [Fact]
    public void TryParse_ATaskWhoseSpecIsOver64KiB_RefusesTheWholePlan_NamingTheTaskAndTheLimit()
    {
        var tasks = PlannerAnswer.TryParse(Answer(new string('x', TaskDefinition.MaxSpecBytes + 1), ["it works"]), out var problem);

        Assert.Null(tasks);
        Assert.StartsWith("tasks[1] ('b'): the spec is 65537 bytes; a task's spec is at most 65536 bytes (64 KiB)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ATaskWithTooManyAcceptanceCriteria_RefusesTheWholePlan()
    {
        var tasks = PlannerAnswer.TryParse(Answer("spec", [.. Enumerable.Repeat("it works", TaskDefinition.MostAcceptanceCriteria + 1)]), out var problem);

        Assert.Null(tasks);
        Assert.StartsWith("tasks[1] ('b'): 21 acceptance criteria; a task has at most 20", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ATaskWhoseTitleIsOver200Characters_RefusesTheWholePlan()
    {
        var answer = Answer("spec", []).Replace("\"title\":\"second\"", $"\"title\":\"{new string('t', TaskDefinition.MaxTitleLength + 1)}\"", StringComparison.Ordinal);

        var tasks = PlannerAnswer.TryParse(answer, out var problem);

        Assert.Null(tasks);
        Assert.StartsWith("tasks[1] ('b'): a task title is one line of at most 200 characters", problem, StringComparison.Ordinal);
    }

    // Two tasks: a plain first one, and a second with the spec and acceptance criteria given.
    private static string Answer(string secondSpec, string[] secondAcceptance) => JsonSerializer.Serialize(new
    {
        tasks = new object[]
        {
            new { key = "a", title = "first", spec = "the first half", acceptance = new[] { "it exists" }, estimate_minutes = 15 },
            new { key = "b", title = "second", spec = secondSpec, acceptance = secondAcceptance, estimate_minutes = 20 },
        },
    });
}
