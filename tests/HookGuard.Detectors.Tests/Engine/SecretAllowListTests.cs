using System.Text.RegularExpressions;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Detectors.Tests.Engine;

/// <summary>The config's allow list looks at the secret only, never at the rest of the line.</summary>
public class SecretAllowListTests
{
    private static RuleDefinition Rule => RuleCases.Catalog.Find("circleci-personal-api-token")!;

    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    private static Finding ScanOne(string token, SecretAllowList allowList, string line = "CIRCLECI_TOKEN=<<token>>") =>
        new SecretScanner([Rule], allowList).Scan(new ScanFragment("a.env", 1, line.Replace("<<token>>", token, StringComparison.Ordinal))).Single();

    /// <summary>A piece of the token with letters, in the other case than in the token.</summary>
    private static string OtherCase(string text) =>
        new(text.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());

    [Test]
    public void Scan_RegexMatchingTheSecret_IsAllowedByAllowList()
    {
        var token = RuleCases.SampleToken(Rule);

        var finding = ScanOne(token, new SecretAllowList([Pattern(Regex.Escape(token[^8..]) + "$")], []));

        Assert.That(finding.AllowedBy, Is.EqualTo(Allowance.AllowList));
    }

    [Test]
    public void Scan_RegexMatchingOnlyTheRestOfTheLine_Blocks()
    {
        var token = RuleCases.SampleToken(Rule);

        var finding = ScanOne(token, new SecretAllowList([Pattern("^CIRCLECI_TOKEN="), Pattern("fixture")], []), "CIRCLECI_TOKEN=<<token>> # fixture");

        Assert.That(finding.AllowedBy, Is.Null);
    }

    [Test]
    public void Scan_RegexMatchingAnotherSecret_Blocks()
    {
        var token = RuleCases.SampleToken(Rule, 1);
        var other = RuleCases.SampleToken(Rule, 2);

        var finding = ScanOne(token, new SecretAllowList([Pattern("^" + Regex.Escape(other) + "$")], []));

        Assert.That(finding.AllowedBy, Is.Null);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Scan_StopwordInsideTheSecretInAnyCase_IsAllowedByAllowList(bool otherCase)
    {
        var token = RuleCases.SampleToken(Rule);
        var piece = token.Substring(8, 6);
        Assert.That(OtherCase(piece), Is.Not.EqualTo(piece), "the piece must hold letters for the case to matter");

        var finding = ScanOne(token, new SecretAllowList([], [otherCase ? OtherCase(piece) : piece]));

        Assert.That(finding.AllowedBy, Is.EqualTo(Allowance.AllowList));
    }

    [Test]
    public void Scan_StopwordOnTheLineButNotInTheSecret_Blocks()
    {
        var token = RuleCases.SampleToken(Rule);

        var finding = ScanOne(token, new SecretAllowList([], ["fixture", "circleci"]), "# test fixture\nCIRCLECI_TOKEN=<<token>> # fixture");

        Assert.That(finding.AllowedBy, Is.Null);
        Assert.That(finding.SecretLength, Is.EqualTo(token.Length));
    }

    [Test]
    public void Allows_EmptyList_AllowsNothing()
    {
        Assert.That(SecretAllowList.Empty.IsEmpty, Is.True);
        Assert.That(SecretAllowList.Empty.Allows(RuleCases.SampleToken(Rule)), Is.False);
    }

    [Test]
    public void Allows_StopwordAndRegex_EitherOneAllows()
    {
        var allowList = new SecretAllowList([Pattern("^test_")], ["dummy"]);

        Assert.That(allowList.IsEmpty, Is.False);
        Assert.That((allowList.Allows("test_abc"), allowList.Allows("xDuMmYx"), allowList.Allows("live_abc")), Is.EqualTo((true, true, false)));
    }
}
