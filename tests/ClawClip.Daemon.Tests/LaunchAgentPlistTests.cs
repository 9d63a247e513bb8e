using ClawClip.Daemon.Service;
using ClawClip.Daemon.Tests.Support;

namespace ClawClip.Daemon.Tests;

public sealed class LaunchAgentPlistTests
{
    [Fact]
    public void Build_WritesAPropertyListWithEveryKeyLaunchdNeeds_EachOfItsType()
    {
        var plist = LaunchAgentPlist.Build(Services.Definition("/Users/someone/code/app", "/usr/local/bin/clawclip"), "dev.clawclip.app-12345678");

        var root = Assert.IsType<Dictionary<string, object>>(PropertyList.Parse(plist, out var version));

        Assert.Equal("1.0", version);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"" + PropertyList.DtdUrl + "\">", plist, StringComparison.Ordinal);
        Assert.Equal("dev.clawclip.app-12345678", Assert.IsType<string>(root["Label"]));
        Assert.Equal(
            ["/usr/local/bin/clawclip", "--repo", "/Users/someone/code/app", "daemon"],
            Assert.IsType<List<object>>(root["ProgramArguments"]).Select(Assert.IsType<string>));
        Assert.Equal("/Users/someone/code/app", Assert.IsType<string>(root["WorkingDirectory"]));
        var environment = Assert.IsType<Dictionary<string, object>>(root["EnvironmentVariables"]);
        Assert.Equal("/opt/tools bin:/usr/local/bin:/usr/bin:/bin", Assert.IsType<string>(environment["PATH"]));
        Assert.Equal("/home/someone", Assert.IsType<string>(environment["HOME"]));
        Assert.Equal("en_US.UTF-8", Assert.IsType<string>(environment["LANG"]));
        Assert.True(Assert.IsType<bool>(root["RunAtLoad"]));
        Assert.True(Assert.IsType<bool>(root["KeepAlive"]));
        Assert.Equal(10L, Assert.IsType<long>(root["ThrottleInterval"]));
        Assert.Equal("Background", Assert.IsType<string>(root["ProcessType"]));
        Assert.Equal(60L, Assert.IsType<long>(root["ExitTimeOut"]));
        Assert.Equal("/Users/someone/code/app/.clawclip/logs/service.out.log", Assert.IsType<string>(root["StandardOutPath"]));
        Assert.Equal("/Users/someone/code/app/.clawclip/logs/service.err.log", Assert.IsType<string>(root["StandardErrorPath"]));
        Assert.Contains(LaunchAgentPlist.Marker, plist, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ARepositoryPathWithSpacesAmpersandsAnglesAndQuotes_RoundTripsExactly()
    {
        var root = "/Users/someone/" + Services.AwkwardName;
        var program = "/Applications/Claw Clip & co/\"bin\"/clawclip";

        var plist = (Dictionary<string, object>)PropertyList.Parse(LaunchAgentPlist.Build(Services.Definition(root, program), "dev.clawclip.x-00000000"), out _);

        Assert.Equal([program, "--repo", root, "daemon"], ((List<object>)plist["ProgramArguments"]).Cast<string>());
        Assert.Equal(root, plist["WorkingDirectory"]);
        Assert.Equal(root + "/.clawclip/logs/service.out.log", plist["StandardOutPath"]);
    }

    [Fact]
    public void Build_AValueWithALineBreakOrACarriageReturn_RoundTripsExactly()
    {
        var root = "/Users/someone/two\nlines\r\nand a return\r";

        var plist = (Dictionary<string, object>)PropertyList.Parse(LaunchAgentPlist.Build(Services.Definition(root, "/usr/local/bin/clawclip"), "dev.clawclip.x-00000000"), out _);

        Assert.Equal(root, plist["WorkingDirectory"]);
    }

    [Fact]
    public void Build_WithAnEnvironmentFile_TellsTheDaemonWhereItIs_SinceLaunchdCannotReadOne()
    {
        var plist = (Dictionary<string, object>)PropertyList.Parse(
            LaunchAgentPlist.Build(Services.Definition("/Users/someone/app", "/usr/local/bin/clawclip", "/Users/someone/.config/clawclip/env"), "dev.clawclip.app-00000000"),
            out _);

        Assert.Equal(
            ["/usr/local/bin/clawclip", "--repo", "/Users/someone/app", "daemon", "--env-file", "/Users/someone/.config/clawclip/env"],
            ((List<object>)plist["ProgramArguments"]).Cast<string>());
    }

    [Fact]
    public void Build_NeverWritesASecretTheShellHas()
    {
        var plist = LaunchAgentPlist.Build(Services.Definition("/Users/someone/app", "/usr/local/bin/clawclip"), "dev.clawclip.app-00000000");

        Assert.DoesNotContain(Services.Secret, plist, StringComparison.Ordinal);
        Assert.DoesNotContain("ANTHROPIC_API_KEY", plist, StringComparison.Ordinal);
        Assert.DoesNotContain("TOKEN", plist, StringComparison.Ordinal);
    }
}
