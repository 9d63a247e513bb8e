using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClawClip.Cli.Init;

/// <summary>
/// Guesses a repository's build and test commands from its marker files, for the <c>clawclip.yaml</c> that
/// <c>clawclip init</c> writes: a .NET solution or project, package.json with a test script, a pytest configuration
/// or a tests folder, Cargo.toml, go.mod, a Makefile with a test target. Only the files are read; nothing is run.
/// </summary>
internal static partial class ProjectChecks
{
    // npm init's placeholder: a test script that only fails.
    private const string NoTestSpecified = "Error: no test specified";

    private static readonly string[] TestFolders = ["tests", "test"];
    private static readonly string[] PythonMarkers = ["pyproject.toml", "setup.py", "setup.cfg"];
    private static readonly string[] Makefiles = ["GNUmakefile", "makefile", "Makefile"];

    /// <summary>Every kind of project found at <paramref name="root"/>, the one to use first.</summary>
    public static IReadOnlyList<CheckGuess> Guess(string root) =>
        new[] { Dotnet(root), Npm(root), Python(root), Cargo(root), Go(root), Make(root) }.OfType<CheckGuess>().ToList();

    private static CheckGuess? Dotnet(string root)
    {
        var solution = Files(root, "*.sln").Concat(Files(root, "*.slnx")).FirstOrDefault();
        if (solution is not null)
        {
            return new CheckGuess("dotnet", solution, ["dotnet", "build", solution], ["dotnet", "test", solution]);
        }

        if (Files(root, "*.csproj").Concat(Files(root, "*.fsproj")).FirstOrDefault() is { } project)
        {
            return new CheckGuess("dotnet", project, ["dotnet", "build"], ["dotnet", "test"]);
        }

        // A project in a folder: dotnet needs its path (there is no solution to find it by).
        var nested = Directory.EnumerateFiles(root, "*.csproj", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3 })
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        return nested is null ? null : new CheckGuess("dotnet", nested, ["dotnet", "build", nested], ["dotnet", "test", nested]);
    }

    private static CheckGuess? Npm(string root)
    {
        var path = Path.Combine(root, "package.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("scripts", out var scripts)
                || scripts.ValueKind != JsonValueKind.Object
                || !scripts.TryGetProperty("test", out var test)
                || test.ValueKind != JsonValueKind.String
                || test.GetString()!.Contains(NoTestSpecified, StringComparison.Ordinal))
            {
                return null;
            }

            var build = scripts.TryGetProperty("build", out var b) && b.ValueKind == JsonValueKind.String ? new[] { "npm", "run", "build" } : null;
            return new CheckGuess("npm", "package.json (its test script)", build, ["npm", "test"]);
        }
        catch (JsonException)
        {
            return null; // not ours to judge: the person sees no npm guess and fills the checks in
        }
    }

    private static CheckGuess? Python(string root)
    {
        if (PytestConfig(root) is { } config)
        {
            return new CheckGuess("python", config, null, ["python3", "-m", "pytest"]);
        }

        var tests = TestFolders.FirstOrDefault(folder => Directory.Exists(Path.Combine(root, folder))
            && Directory.EnumerateFiles(Path.Combine(root, folder), "*.py", SearchOption.AllDirectories).Any());
        if (tests is not null)
        {
            return new CheckGuess("python", tests + "/ (no pytest configuration: unittest)", null, ["python3", "-m", "unittest", "discover", "-s", tests]);
        }

        var marker = PythonMarkers.FirstOrDefault(name => File.Exists(Path.Combine(root, name)));
        return marker is null ? null : new CheckGuess("python", marker + " (no pytest configuration: unittest)", null, ["python3", "-m", "unittest"]);
    }

    private static string? PytestConfig(string root)
    {
        foreach (var name in new[] { "pytest.ini", "conftest.py" })
        {
            if (File.Exists(Path.Combine(root, name)))
            {
                return name;
            }
        }

        foreach (var (name, section) in new[] { ("pyproject.toml", "[tool.pytest.ini_options]"), ("setup.cfg", "[tool:pytest]"), ("tox.ini", "[pytest]") })
        {
            var path = Path.Combine(root, name);
            if (File.Exists(path) && File.ReadAllText(path).Contains(section, StringComparison.Ordinal))
            {
                return $"{name} ({section})";
            }
        }

        return null;
    }

    private static CheckGuess? Cargo(string root) =>
        File.Exists(Path.Combine(root, "Cargo.toml")) ? new CheckGuess("cargo", "Cargo.toml", ["cargo", "build"], ["cargo", "test"]) : null;

    private static CheckGuess? Go(string root) =>
        File.Exists(Path.Combine(root, "go.mod")) ? new CheckGuess("go", "go.mod", ["go", "build", "./..."], ["go", "test", "./..."]) : null;

    private static CheckGuess? Make(string root)
    {
        var makefile = Makefiles.FirstOrDefault(name => File.Exists(Path.Combine(root, name)));
        if (makefile is null)
        {
            return null;
        }

        var targets = File.ReadLines(Path.Combine(root, makefile))
            .Select(line => Targets().Match(line))
            .Where(m => m.Success)
            .SelectMany(m => m.Groups[1].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return targets.Contains("test")
            ? new CheckGuess("make", $"{makefile} (its test target)", targets.Contains("build") ? ["make", "build"] : null, ["make", "test"])
            : null;
    }

    private static IEnumerable<string> Files(string root, string pattern) =>
        Directory.EnumerateFiles(root, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    // A rule's targets at the start of a line: "test:" or "build test: deps" (not "X := value").
    [GeneratedRegex(@"^([A-Za-z0-9_.-]+(?:[ \t]+[A-Za-z0-9_.-]+)*)[ \t]*::?(?!=)")]
    private static partial Regex Targets();
}
