namespace ClawClip.Processes.Tests;

public sealed class ProcessFailedExceptionTests
{
    [Fact]
    public void Message_ShowsTheQuotedCommand_WhereItRan_TheExitCode_AndTheTailOfStderr()
    {
        var spec = ProcessSpec.Create("git", "commit", "-m", "two words") with { WorkingDirectory = "/repo" };
        var stderr = string.Concat(Enumerable.Range(1, 30).Select(i => $"line {i}\n"));

        var exception = new ProcessFailedException(spec, Result(exitCode: 1, stderr: stderr));

        var expectedTail = string.Join('\n', Enumerable.Range(11, 20).Select(i => $"line {i}"));
        Assert.Equal($"'git' 'commit' '-m' 'two words' (in '/repo') exited with code 1.\nstderr (tail):\n{expectedTail}", exception.Message);
    }

    [Fact]
    public void Message_ForATimeout_SaysSo_AndShowsStdoutWhenStderrIsEmpty()
    {
        var spec = ProcessSpec.Create("sleep", "5") with { Timeout = TimeSpan.FromSeconds(2) };

        var exception = new ProcessFailedException(spec, Result(exitCode: 137, stdout: "progress\n", timedOut: true));

        Assert.Equal("'sleep' '5' timed out after 00:00:02 and was killed (exit code 137).\nstdout (tail):\nprogress", exception.Message);
    }

    [Fact]
    public void Message_WhenNothingWasWritten_SaysSo()
    {
        var exception = new ProcessFailedException(ProcessSpec.Create("false"), Result(exitCode: 1));

        Assert.Equal("'false' exited with code 1.\nstdout and stderr were empty.", exception.Message);
    }

    internal static ProcessResult Result(int exitCode, string stdout = "", string stderr = "", bool timedOut = false) =>
        new(exitCode, stdout, stderr, timedOut, false, false, TimeSpan.FromSeconds(1), stdout.Length, stderr.Length, ReadOnlyMemory<byte>.Empty);
}
