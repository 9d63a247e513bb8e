using ClawClip.State.Tests.Schemas;

namespace ClawClip.State.Tests.Support;

/// <summary>The repository's <c>schemas/</c> folder, found by walking up from the test binaries.</summary>
internal static class SchemaDirectory
{
    private static readonly Lazy<string> Location = new(Find);

    public static string Path => Location.Value;

    public static string Read(string fileName) => File.ReadAllText(System.IO.Path.Combine(Path, fileName));

    public static MiniJsonSchemaValidator Load(string fileName) => MiniJsonSchemaValidator.Parse(Read(fileName));

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, "schemas");
            if (File.Exists(System.IO.Path.Combine(candidate, "task.schema.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no schemas/task.schema.json in {AppContext.BaseDirectory} or any folder above it");
    }
}
