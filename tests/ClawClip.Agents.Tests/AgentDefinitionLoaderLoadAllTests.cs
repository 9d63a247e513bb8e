namespace ClawClip.Agents.Tests;

/// <summary><see cref="AgentDefinitionLoader.LoadAll"/>: the checks across the files of one folder.</summary>
public sealed class AgentDefinitionLoaderLoadAllTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string Agent(string name, string role = "dev") =>
        $"name: {name}\nrole: {role}\nmodel: sonnet\ngit: {{name: {name}, email: {name}@agents.clawclip.invalid}}\n";

    [Fact]
    public void LoadAll_ReadsEveryYamlFileInTheFolderOrderedByName()
    {
        folder.Write("qa-1.yaml", Agent("qa-1", "qa"));
        folder.Write("dev-1.yaml", Agent("dev-1"));
        folder.Write("README.md", "not an agent");
        Directory.CreateDirectory(Path.Combine(folder.Path, "prompts"));
        File.WriteAllText(Path.Combine(folder.Path, "prompts", "nested.yaml"), "not: read");

        var agents = AgentDefinitionLoader.LoadAll(folder.Path);

        Assert.Equal(["dev-1", "qa-1"], agents.Select(a => a.Name.Value));
    }

    [Fact]
    public void LoadAll_TheSameNameInTwoFiles_NamesBothPlaces()
    {
        var first = folder.Write("dev-1.yaml", Agent("dev-1"));
        var second = folder.Write("dev-2.yaml", Agent("dev-1"));

        var e = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionLoader.LoadAll(folder.Path));

        Assert.Equal($"{second}:1: name 'dev-1' is already used by {first}:1; give each agent its own name", e.Message);
    }

    [Fact]
    public void LoadAll_ANameThatDiffersFromItsFile_IsRefused()
    {
        folder.Write("dev-1.yaml", Agent("dev-1"));
        var path = folder.Write("dev-2.yaml", Agent("dev-3"));

        var e = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionLoader.LoadAll(folder.Path));

        Assert.Equal($"{path}:1: name 'dev-3' does not match the file name; rename the file to dev-3.yaml or set name: dev-2", e.Message);
    }

    [Fact]
    public void LoadAll_AnErrorInOneFile_NamesThatFile()
    {
        folder.Write("dev-1.yaml", Agent("dev-1"));
        var path = folder.Write("qa-1.yaml", Agent("qa-1", "reviewer"));

        var e = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionLoader.LoadAll(folder.Path));

        Assert.StartsWith($"{path}:2: 'role' must be one of pm, planner, dev, qa", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev-1.yml")]
    [InlineData("dev-1.YAML")]
    public void LoadAll_AnAgentFileWithAnotherExtension_AsksForYaml(string fileName)
    {
        var path = folder.Write(fileName, Agent("dev-1"));

        var e = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionLoader.LoadAll(folder.Path));

        Assert.Equal($"{path}: agent files end in '.yaml'; rename it to dev-1.yaml", e.Message);
    }

    [Fact]
    public void LoadAll_AMissingFolder_NamesIt()
    {
        var missing = Path.Combine(folder.Path, "agents");

        var e = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionLoader.LoadAll(missing));

        Assert.Equal($"{missing}: no such folder; create it with one <name>.yaml file per agent", e.Message);
    }

    [Fact]
    public void LoadAll_TheRepositorysOwnAgentsFolder_LoadsWithoutError()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ClawClip.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var agents = AgentDefinitionLoader.LoadAll(Path.Combine(root.FullName, "agents"));

        Assert.Equal(["dev-1", "planner", "qa-1"], agents.Select(a => a.Name.Value));
        Assert.All(agents, a => Assert.True(File.Exists(Path.Combine(root.FullName, a.SystemPromptFile!)), $"{a.Name}: {a.SystemPromptFile} does not exist"));
    }

    [Fact]
    public void ReadAll_FilesGivenAsBytes_AreReadAsFromAFolder_AndTheirErrorsNameThemAsGiven()
    {
        var agents = AgentDefinitionLoader.ReadAll([Bytes("main:agents/qa-1.yaml", Agent("qa-1", "qa")), Bytes("main:agents/dev-1.yaml", Agent("dev-1"))]);

        Assert.Equal(["dev-1", "qa-1"], agents.Select(a => a.Name.Value));
        var e = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionLoader.ReadAll([Bytes("main:agents/dev-2.yaml", Agent("dev-3"))]));
        Assert.Equal("main:agents/dev-2.yaml:1: name 'dev-3' does not match the file name; rename the file to dev-3.yaml or set name: dev-2", e.Message);
    }

    [Theory]
    [InlineData("main:agents/dev-1.yaml", true)]
    [InlineData("main:agents/README.md", false)]
    public void IsAgentFile_IsTrueForYamlFilesOnly(string file, bool agent)
    {
        Assert.Equal(agent, AgentDefinitionLoader.IsAgentFile(file));
    }

    [Fact]
    public void IsAgentFile_AYmlFile_IsRefusedWithTheRename()
    {
        var e = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionLoader.IsAgentFile("main:agents/dev-1.yml"));

        Assert.Equal("main:agents/dev-1.yml: agent files end in '.yaml'; rename it to dev-1.yaml", e.Message);
    }

    private static YamlFileContent Bytes(string file, string text) => new(file, System.Text.Encoding.UTF8.GetBytes(text));
}
