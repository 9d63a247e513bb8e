using ClawClip.Daemon.Service;

namespace ClawClip.Daemon.Tests;

public sealed class ServiceProgramTests
{
    [Fact]
    public void FromProcess_TheApphost_IsTheProgramAlone()
    {
        var program = ServiceProgram.FromProcess("/usr/local/lib/clawclip/clawclip", "/usr/local/lib/clawclip/clawclip.dll");

        Assert.Equal("/usr/local/lib/clawclip/clawclip", program.Program);
        Assert.Empty(program.LeadingArguments);
    }

    [Fact]
    public void FromProcess_ThroughDotnet_IsDotnetWithTheDll()
    {
        var program = ServiceProgram.FromProcess("/usr/share/dotnet/dotnet", "/src/clawclip/bin/clawclip.dll");

        Assert.Equal("/usr/share/dotnet/dotnet", program.Program);
        Assert.Equal(["/src/clawclip/bin/clawclip.dll"], program.LeadingArguments);
    }

    [Fact]
    public void New_WithARelativeProgram_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ServiceProgram("clawclip", []));
    }
}
