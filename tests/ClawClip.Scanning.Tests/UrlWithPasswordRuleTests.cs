using ClawClip.Scanning;

namespace ClawClip.Scanning.Tests;

public sealed class UrlWithPasswordRuleTests
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("mongodb+srv")]
    [InlineData("https")]
    [InlineData("redis")]
    public void Scan_WhenAUrlCarriesAPassword_FlagsIt(string scheme)
    {
        var password = Synthetic.Random("abcdefghijkmnopqrstuvwxyzABCDEFGH23456789", 14, seed: scheme.Length);
        var url = $"{scheme}://app_user:{password}@db.internal.acme-corp.io:5432";

        var finding = Scans.AssertFlagged(RuleNames.UrlWithPassword, password, $"DATABASE_URL={url}/orders");

        Assert.Equal(FindingKind.Secret, finding.Kind);
    }

    [Theory]
    [InlineData("DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/orders")]
    [InlineData("DATABASE_URL=postgres://app:$DB_PASSWORD@db:5432/orders")]
    [InlineData("DATABASE_URL=postgres://user:password@localhost/db")]
    [InlineData("DATABASE_URL=postgres://user:<password>@localhost/db")]
    [InlineData("DATABASE_URL=postgres://user:***@localhost/db")]
    [InlineData("DATABASE_URL=postgres://user:{{ db_password }}@localhost/db")]
    [InlineData("DATABASE_URL=postgres://user:%(password)s@localhost/db")]
    [InlineData("DATABASE_URL=postgres://user@localhost/db")]
    [InlineData("see https://github.com/owner/repo and http://localhost:8080/path")]
    public void Scan_WhenALookAlikeIsAdded_LetsItThrough(string line) => Scans.AssertClean(line);
}
