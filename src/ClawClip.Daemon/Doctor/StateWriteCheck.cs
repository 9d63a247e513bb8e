using System.Security.Cryptography;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// Whether this process can change <c>state/</c> the way the store does: write a file, fsync it, rename it, delete it.
/// The probe's names start with '.' and end in '.tmp', like the store's own temporaries, so nothing would ever commit
/// one to the lineage if a crash left it behind.
/// </summary>
internal static class StateWriteCheck
{
    public const string Name = "state-write";

    public static CheckResult Run(DoctorContext context)
    {
        var state = Path.Combine(context.RepositoryRoot, "state");
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var written = Path.Combine(state, $".doctor-probe.{random}.tmp");
        var renamed = Path.Combine(state, $".doctor-probe.{random}.renamed.tmp");
        try
        {
            using (var stream = new FileStream(written, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                stream.Write("claw.clip doctor\n"u8);
                stream.Flush(flushToDisk: true);
            }

            File.Move(written, renamed);
            File.Delete(renamed);
            return CheckResult.Ok(Name, "state/ takes a write, fsync, rename and delete");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(written);
            TryDelete(renamed);
            return CheckResult.Fail(Name, $"{context.ProcessName} cannot change state/: {e.Message}",
                $"give {Environment.UserName} write access to it (`chmod -R u+w {state}`; `ls -ld {state}` shows its owner), and check that its disk is not mounted read-only");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The check already failed with the first error; this one says nothing more.
        }
    }
}
