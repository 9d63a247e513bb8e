namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>
/// The <c>CLAWCLIP_HOME</c> every program these tests start gets (unless a test names its own): one temporary folder
/// for this test run, so that task clones and agents' homes are never written in the real home. Deleted when the
/// test run ends.
/// </summary>
public static class TestHome
{
    public const string Variable = "CLAWCLIP_HOME";

    private static readonly Lazy<string> Folder = new(Create);

    public static string Root => Folder.Value;

    private static string Create()
    {
        var root = Directory.CreateTempSubdirectory("clawclip-e2e-home-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A program killed by a test may still hold a file; the OS cleans its temporary folder.
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return root;
    }
}
