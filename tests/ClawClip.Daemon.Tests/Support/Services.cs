using ClawClip.Daemon.Service;

namespace ClawClip.Daemon.Tests.Support;

/// <summary>Inputs for the service builders and the installer.</summary>
public static class Services
{
    /// <summary>A folder name with every character a service file must escape: spaces, XML's, the shell's, systemd's.</summary>
    public const string AwkwardName = "my repo & <co> \"q\" 'x' $HOME %h \\back";

    public const string Secret = "sk-ant-api03-THIS-MUST-NEVER-BE-WRITTEN";

    public static Dictionary<string, string> Shell(params (string Name, string Value)[] more)
    {
        var shell = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/opt/tools bin:/usr/local/bin:/usr/bin:/bin",
            ["LANG"] = "en_US.UTF-8",
            ["ANTHROPIC_API_KEY"] = Secret,
            ["CLAUDE_CODE_OAUTH_TOKEN"] = Secret + "-oauth",
            ["GITHUB_TOKEN"] = Secret + "-github",
        };
        foreach (var (name, value) in more)
        {
            shell[name] = value;
        }

        return shell;
    }

    internal static ServiceDefinition Definition(string repositoryRoot, string program, string? environmentFile = null) =>
        new(repositoryRoot, new ServiceProgram(program, []), ServiceEnvironment.From(Shell(), "/home/someone"), environmentFile);

    public static ServiceRequest Request(ServicePlatform platform, string home, string repositoryRoot, string? environmentFile = null, bool force = false, Dictionary<string, string>? shell = null) =>
        new(platform, home, repositoryRoot, new ServiceProgram("/usr/local/bin/clawclip", []), shell ?? Shell(), "someone", environmentFile, force);
}
