using ClawClip.Daemon.Service;

namespace ClawClip.Daemon.Tests;

public sealed class ServiceNamesTests
{
    [Fact]
    public void Names_OfTwoRepositoriesWithTheSameFolderName_Differ()
    {
        Assert.NotEqual(ServiceNames.LaunchdLabel("/home/a/app"), ServiceNames.LaunchdLabel("/home/b/app"));
        Assert.NotEqual(ServiceNames.SystemdUnit("/home/a/app"), ServiceNames.SystemdUnit("/home/b/app"));
    }

    [Fact]
    public void Names_OfOneRepository_AreStable_WithOrWithoutATrailingSlash()
    {
        Assert.Equal(ServiceNames.LaunchdLabel("/home/a/app"), ServiceNames.LaunchdLabel("/home/a/app/"));
        Assert.Matches("^dev\\.clawclip\\.app-[0-9a-f]{8}$", ServiceNames.LaunchdLabel("/home/a/app"));
        Assert.Matches("^clawclip-app-[0-9a-f]{8}\\.service$", ServiceNames.SystemdUnit("/home/a/app"));
    }

    [Theory]
    [InlineData("/home/a/my repo & <co>", "my-repo-co")]
    [InlineData("/home/a/ünïcødé", "n-c-d")]
    [InlineData("/home/a/%%%", "repo")]
    public void Names_KeepOnlyCharactersLaunchdAndSystemdAllow(string root, string folder)
    {
        Assert.Matches($"^{folder}-[0-9a-f]{{8}}$", ServiceNames.Slug(root));
    }
}
