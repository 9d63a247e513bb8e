using ClawClip.Scanning;

namespace ClawClip.Scanning.Tests;

public sealed class PersonalEmailRuleTests
{
    // By index, so the test's name (in the output) does not spell the address.
    private static readonly string[] PersonalAddresses =
        ["jane.doe@gmail.com", "j.smith+work@acme-corp.io", "marta_k@mail.uni-heidelberg.de"];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Scan_WhenAPersonsAddressIsAdded_FlagsIt(int index)
    {
        var email = PersonalAddresses[index];

        var finding = Scans.AssertFlagged(RuleNames.PersonalEmail, email, $"owner: \"{email}\"");

        Assert.Equal(FindingKind.Pii, finding.Kind);
    }

    [Theory]
    [InlineData("From: noreply@acme-corp.io")]
    [InlineData("From: no-reply@acme-corp.io")]
    [InlineData("contact support@acme-corp.io or admin@acme-corp.io")]
    [InlineData("info+newsletter@acme-corp.io")]
    [InlineData("author: jane.doe@example.com")]
    [InlineData("author: jane.doe@mail.example.org")]
    [InlineData("author: jane.doe@example.net")]
    [InlineData("author: jane.doe@host.invalid")]
    [InlineData("author: jane.doe@machine.test")]
    [InlineData("12345678+jdoe@users.noreply.github.com")]
    [InlineData("git clone git@github.com:owner/repo.git")]
    [InlineData("pip install package==1.2@latest")]
    public void Scan_WhenALookAlikeIsAdded_LetsItThrough(string line) => Scans.AssertClean(line);
}
