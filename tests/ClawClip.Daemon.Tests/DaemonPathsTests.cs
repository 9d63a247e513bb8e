namespace ClawClip.Daemon.Tests;

public sealed class DaemonPathsTests
{
    [Fact]
    public void Paths_KeepTheLockInStateAndTheLogsInClawclipsOwnFolder()
    {
        var paths = new DaemonPaths("/repo");

        Assert.Equal("/repo/state/locks/daemon.lock", paths.InstanceLock);
        Assert.Equal("/repo/.clawclip/logs", paths.LogFolder);
    }
}
