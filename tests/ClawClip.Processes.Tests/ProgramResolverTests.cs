namespace ClawClip.Processes.Tests;

public sealed class ProgramResolverTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Resolve_LooksUpABareNameInTheChildsPath_NotTheParents()
    {
        var tool = Executable("clawclip-tool");
        var spec = ProcessSpec.Create("clawclip-tool");

        Assert.Equal(tool, ProgramResolver.Resolve(spec, new Dictionary<string, string> { ["PATH"] = $"/no/such/dir:{_directory.Path}" }));
    }

    [Fact]
    public void Resolve_WhenTheChildHasNoPath_LooksInTheParentsPath()
    {
        var sh = ProgramResolver.Resolve(ProcessSpec.Create("sh"), new Dictionary<string, string>());

        Assert.True(Path.IsPathRooted(sh));
        Assert.Equal("sh", Path.GetFileName(sh));
    }

    [Fact]
    public void Resolve_TakesARelativePathFromTheWorkingDirectory()
    {
        var tool = Executable("clawclip-tool");
        var spec = ProcessSpec.Create("./clawclip-tool") with { WorkingDirectory = _directory.Path };

        Assert.Equal(tool, ProgramResolver.Resolve(spec, new Dictionary<string, string>()));
    }

    [Fact]
    public void Resolve_NeverSearchesTheCurrentDirectoryThroughAnEmptyOrRelativePathEntry()
    {
        Executable("clawclip-tool");
        var spec = ProcessSpec.Create("clawclip-tool") with { WorkingDirectory = _directory.Path };

        var exception = Assert.Throws<ProcessStartException>(() =>
            ProgramResolver.Resolve(spec, new Dictionary<string, string> { ["PATH"] = ":.:" }));

        Assert.Equal(":.:", exception.SearchedPath);
    }

    [Fact]
    public void Resolve_RefusesAFileThatIsNotExecutable_NamingIt()
    {
        var file = _directory.File("plain");
        File.WriteAllText(file, "#!/bin/sh\n");

        var exception = Assert.Throws<ProcessStartException>(() =>
            ProgramResolver.Resolve(ProcessSpec.Create(file), new Dictionary<string, string>()));

        Assert.Equal($"Cannot start '{file}': '{file}' is not executable.", exception.Message);
    }

    [Fact]
    public void Resolve_RefusesADirectory()
    {
        var exception = Assert.Throws<ProcessStartException>(() =>
            ProgramResolver.Resolve(ProcessSpec.Create(_directory.Path), new Dictionary<string, string>()));

        Assert.Contains("is a directory", exception.Message, StringComparison.Ordinal);
    }

    private string Executable(string name)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
