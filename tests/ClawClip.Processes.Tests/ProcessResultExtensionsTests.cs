namespace ClawClip.Processes.Tests;

public sealed class ProcessResultExtensionsTests
{
    private static readonly ProcessSpec Spec = ProcessSpec.Create("tool");

    [Fact]
    public void EnsureSuccess_OnExitCodeZero_ReturnsTheResult()
    {
        var result = ProcessFailedExceptionTests.Result(exitCode: 0);

        Assert.Same(result, result.EnsureSuccess(Spec));
    }

    [Fact]
    public void EnsureSuccess_OnANonZeroExitCode_ThrowsCarryingSpecAndResult()
    {
        var result = ProcessFailedExceptionTests.Result(exitCode: 2, stderr: "bad");

        var exception = Assert.Throws<ProcessFailedException>(() => result.EnsureSuccess(Spec));

        Assert.Same(Spec, exception.Spec);
        Assert.Same(result, exception.Result);
    }

    [Fact]
    public void EnsureSuccess_OnATimeout_Throws_EvenWithExitCodeZero()
    {
        var result = ProcessFailedExceptionTests.Result(exitCode: 0, timedOut: true);

        Assert.Throws<ProcessFailedException>(() => result.EnsureSuccess(Spec));
    }
}
