namespace ClawClip.Scanning;

/// <summary>
/// The one catalogue of rule names: findings, allowances in clawclip.yaml and <c>clawclip scan --json</c> all use
/// these strings, so none is spelled in two places.
/// </summary>
public static class RuleNames
{
    public const string AwsAccessKeyId = "aws-access-key-id";
    public const string AwsSecretAccessKey = "aws-secret-access-key";
    public const string GitHubToken = "github-token";
    public const string PrivateKeyBlock = "private-key-block";
    public const string UrlWithPassword = "url-with-password";
    public const string PersonalEmail = "personal-email";
    public const string CardNumber = "card-number";
}
