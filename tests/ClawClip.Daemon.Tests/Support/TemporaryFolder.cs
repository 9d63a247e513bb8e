namespace ClawClip.Daemon.Tests.Support;

/// <summary>A real folder under the system's temporary folder, deleted afterwards.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "clawclip-daemon-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>A folder inside, created.</summary>
    public string Folder(params string[] names)
    {
        var path = Path.Combine([Root, .. names]);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system to clean; a failed cleanup is no failed test.
        }
    }
}
