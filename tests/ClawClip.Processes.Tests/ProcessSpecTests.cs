namespace ClawClip.Processes.Tests;

public sealed class ProcessSpecTests
{
    [Fact]
    public void Create_HasAnEmptyEnvironment_NoInput_NoTimeout_AndTheDefaultLimit()
    {
        var spec = ProcessSpec.Create("git", "status");

        Assert.Equal("git", spec.FileName);
        Assert.Equal(["status"], spec.Arguments);
        Assert.Empty(spec.Environment);
        Assert.False(spec.InheritEnvironment);
        Assert.Null(spec.StandardInput);
        Assert.Null(spec.Timeout);
        Assert.Null(spec.WorkingDirectory);
        Assert.Equal(ProcessSpec.DefaultMaxOutputBytes, spec.MaxOutputBytes);
    }

    [Fact]
    public void Arguments_AreCopied_SoChangingTheCallersListChangesNothing()
    {
        var arguments = new List<string> { "a" };
        var environment = new Dictionary<string, string> { ["A"] = "1" };
        var spec = new ProcessSpec { FileName = "x", Arguments = arguments, Environment = environment };

        arguments.Add("b");
        environment["B"] = "2";

        Assert.Equal(["a"], spec.Arguments);
        Assert.Equal(["A"], spec.Environment.Keys);
    }

    [Fact]
    public void WithEnvironmentVariable_ReturnsACopy_LeavingTheOriginalAlone()
    {
        var original = ProcessSpec.Create("x");

        var changed = original.WithEnvironmentVariable("A", "1").WithEnvironmentVariable("A", "2");

        Assert.Empty(original.Environment);
        Assert.Equal("2", changed.Environment["A"]);
    }

    [Fact]
    public void WithEnvironmentFromParent_CopiesTheNamedVariablesThatAreSet()
    {
        var set = "CLAWCLIP_TEST_" + Guid.NewGuid().ToString("N");
        var unset = "CLAWCLIP_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(set, "value");
        try
        {
            var spec = ProcessSpec.Create("x").WithEnvironmentFromParent(set, unset);

            Assert.Equal([set], spec.Environment.Keys);
            Assert.Equal("value", spec.Environment[set]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(set, null);
        }
    }

    [Fact]
    public void ToString_QuotesTheProgramAndEachArgument_AndShowsNoEnvironment()
    {
        var spec = ProcessSpec.Create("git", "commit", "-m", "it's done", "").WithEnvironmentVariable("TOKEN", "secret");

        Assert.Equal(@"'git' 'commit' '-m' 'it'\''s done' ''", spec.ToString());
    }

    [Fact]
    public void Init_RefusesANulCharacter_WhichTheOsWouldSilentlyCutAt()
    {
        Assert.Throws<ArgumentException>(() => ProcessSpec.Create("x", "a\0b"));
        Assert.Throws<ArgumentException>(() => ProcessSpec.Create("x").WithEnvironmentVariable("A", "a\0b"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A=B")]
    public void Init_RefusesAnEnvironmentNameThatIsEmptyOrHoldsAnEqualsSign(string name)
    {
        Assert.Throws<ArgumentException>(() => ProcessSpec.Create("x").WithEnvironmentVariable(name, "v"));
    }

    [Fact]
    public void Init_RefusesANonPositiveTimeout_AndANegativeLimit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessSpec.Create("x") with { Timeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessSpec.Create("x") with { MaxOutputBytes = -1 });
    }
}
