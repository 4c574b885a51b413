using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Detectors.Tests.Engine;

/// <summary>A <c>hookguard:allow</c> comment on the line where a secret starts: the finding is still returned, marked allowed.</summary>
public class InlineAllowTests
{
    private const string TokenMark = "<<token>>";
    private static readonly Allowance?[] OnlySecondLineAllowed = [null, Allowance.InlineComment, null];

    private static RuleDefinition Rule => RuleCases.Catalog.Find("circleci-personal-api-token")!;

    private static IReadOnlyList<Finding> Scan(string text, SecretAllowList? allowList = null) =>
        new SecretScanner([Rule], allowList).Scan(new ScanFragment("src/settings.txt", 1, text));

    private static string WithToken(string line, string token) => line.Replace(TokenMark, token, StringComparison.Ordinal);

    // On the line of the secret, in any comment syntax and any case: allowed.
    [TestCase("CIRCLECI_TOKEN=<<token>>  # hookguard:allow", true, TestName = "Scan_HashComment_IsAllowed")]
    [TestCase("var token = \"<<token>>\"; // hookguard:allow", true, TestName = "Scan_SlashSlashComment_IsAllowed")]
    [TestCase("token = \"<<token>>\" /* hookguard:allow */", true, TestName = "Scan_BlockComment_IsAllowed")]
    [TestCase("<token value=\"<<token>>\" /> <!-- hookguard:allow -->", true, TestName = "Scan_HtmlComment_IsAllowed")]
    [TestCase("-- hookguard:allow\tcircle: <<token>>", true, TestName = "Scan_MarkerBeforeTheSecret_IsAllowed")]
    [TestCase("CIRCLECI_TOKEN=<<token>> # HOOKGUARD:ALLOW", true, TestName = "Scan_UpperCaseMarker_IsAllowed")]
    [TestCase("CIRCLECI_TOKEN=<<token>> # HookGuard:Allow test fixture", true, TestName = "Scan_MixedCaseMarkerWithReason_IsAllowed")]
    // Only on a neighbouring line, or not quite the marker: blocks.
    [TestCase("# hookguard:allow\nCIRCLECI_TOKEN=<<token>>\n", false, TestName = "Scan_MarkerOnThePreviousLine_Blocks")]
    [TestCase("CIRCLECI_TOKEN=<<token>>\n# hookguard:allow\n", false, TestName = "Scan_MarkerOnTheNextLine_Blocks")]
    [TestCase("# hookguard:allow\r\nCIRCLECI_TOKEN=<<token>>\r\n# hookguard:allow\r\n", false, TestName = "Scan_MarkerOnBothNeighbouringCrlfLines_Blocks")]
    [TestCase("CIRCLECI_TOKEN=<<token>> # hookguard allow", false, TestName = "Scan_MarkerWithoutColon_Blocks")]
    [TestCase("CIRCLECI_TOKEN=<<token>> # hookguard:", false, TestName = "Scan_IncompleteMarker_Blocks")]
    [TestCase("CIRCLECI_TOKEN=<<token>> # see hookguard:allowlist", false, TestName = "Scan_MarkerInsideALongerWord_Blocks")]
    [TestCase("CIRCLECI_TOKEN=<<token>> # hookguard:allowed? hookguard:allow.", true, TestName = "Scan_MarkerAfterALongerWord_IsAllowed")]
    public void Scan_Marker_AllowsTheFindingOnlyOnTheSecretsLine(string text, bool allowed)
    {
        var token = RuleCases.SampleToken(Rule);

        var finding = Scan(WithToken(text, token)).Single();

        Assert.That(finding.AllowedBy, Is.EqualTo(allowed ? Allowance.InlineComment : (Allowance?)null));
        Assert.That((finding.SecretHash, finding.SecretLength), Is.EqualTo((SecretText.Hash(token), token.Length)), "the finding is still returned");
    }

    [TestCase("\n")]
    [TestCase("\r\n")]
    public void Scan_SeveralLinesOnlyOneMarked_AllowsOnlyThatLine(string newline)
    {
        var tokens = Enumerable.Range(1, 3).Select(variant => RuleCases.SampleToken(Rule, variant)).ToArray();
        var text = string.Join(newline, $"first={tokens[0]}", $"second={tokens[1]} # hookguard:allow", $"third={tokens[2]}", "");

        var findings = Scan(text);

        Assert.That(findings.Select(f => f.SecretHash), Is.EqualTo(tokens.Select(SecretText.Hash)));
        Assert.That(findings.Select(f => f.AllowedBy), Is.EqualTo(OnlySecondLineAllowed));
    }

    [Test]
    public void Scan_MarkerAndAllowList_InlineCommentIsTheReason()
    {
        var token = RuleCases.SampleToken(Rule);
        var allowList = new SecretAllowList([], [token[^5..]]);

        var finding = Scan($"CIRCLECI_TOKEN={token} # hookguard:allow", allowList).Single();

        Assert.That(finding.AllowedBy, Is.EqualTo(Allowance.InlineComment));
    }

    [Test]
    public void Scan_Finding_SecretLengthIsTheSecretsLength()
    {
        var token = RuleCases.SampleToken(Rule, 4);

        var finding = Scan($"curl -H 'Circle-Token: {token}' https://circleci.com/api/v2/me").Single();

        Assert.That(finding.SecretLength, Is.EqualTo(token.Length));
        Assert.That(finding.AllowedBy, Is.Null);
    }
}
