namespace ClawClip.State.Tests;

public sealed class FileLockTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clawclip-lock-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TryAcquire_WhileAnotherHandleHoldsIt_ReturnsNull_AndSucceedsOnceReleased()
    {
        var path = Path.Combine(folder, "locks", "x.lock");
        using (var held = FileLock.TryAcquire(path))
        {
            Assert.NotNull(held);
            Assert.Null(FileLock.TryAcquire(path));
        }

        using var again = FileLock.TryAcquire(path);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task Acquire_WhenTheHolderNeverLetsGo_TimesOutNamingTheLock()
    {
        var path = Path.Combine(folder, "y.lock");
        using var held = FileLock.TryAcquire(path);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => FileLock.AcquireAsync(path, TimeSpan.FromMilliseconds(50), CancellationToken.None));

        Assert.Contains("y.lock", error.Message, StringComparison.Ordinal);
    }
}
