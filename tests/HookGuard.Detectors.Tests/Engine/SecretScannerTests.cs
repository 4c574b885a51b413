using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Detectors.Tests.Engine;

public class SecretScannerTests
{
    private static readonly string[] OnlyCircleCiPersonal = ["circleci-personal-api-token"];
    private static readonly string[] OnlyPaystack = ["paystack-secret-key"];

    private static RuleCatalog Catalog => RuleCases.Catalog;

    private static RuleDefinition Rule(string id) => Catalog.Find(id)!;

    [Test]
    public void Scan_TokenOnThirdLineOfFragment_ReportsNewFileLineAndColumn()
    {
        var rule = Rule("circleci-personal-api-token");
        var token = RuleCases.SampleToken(rule);
        var text = $"# settings\nretries: 3\ncircle:   {token}\n";

        var finding = new SecretScanner(Catalog.Rules).Scan(new ScanFragment("ci/config.yml", 40, text)).Single();

        Assert.That((finding.Line, finding.Column), Is.EqualTo((42, 11)));
        Assert.That(finding.Path, Is.EqualTo("ci/config.yml"));
        Assert.That(finding.Commit, Is.Null);
    }

    [Test]
    public void Scan_TwoTokensSeparatedByOneCharacter_FindsBoth()
    {
        var rule = Rule("circleci-personal-api-token");
        var first = RuleCases.SampleToken(rule, 1);
        var second = RuleCases.SampleToken(rule, 2);

        var findings = new SecretScanner(Catalog.Rules).Scan(new ScanFragment("x", 1, $"tokens={first},{second}"));

        Assert.That(findings.Select(f => f.SecretHash), Is.EqualTo(new[] { SecretText.Hash(first), SecretText.Hash(second) }));
    }

    [Test]
    public void Scan_TokensOnSeveralLinesAndAtLineStarts_FindsEachWithItsLineAndColumn()
    {
        var rule = Rule("circleci-personal-api-token");
        var first = RuleCases.SampleToken(rule, 1);
        var second = RuleCases.SampleToken(rule, 2);
        var third = RuleCases.SampleToken(rule, 3);
        var text = $"{first}\r\nplain line\n\n  x={second} y={third}\n{first}";

        var findings = new SecretScanner(Catalog.Rules).Scan(new ScanFragment("a.txt", 1, text));

        Assert.That(findings.Select(f => (f.Line, f.Column, f.SecretHash)), Is.EqualTo(new[]
        {
            (1, 1, SecretText.Hash(first)),
            (4, 5, SecretText.Hash(second)),
            (4, 8 + second.Length, SecretText.Hash(third)),
            (5, 1, SecretText.Hash(first)),
        }));
    }

    [Test]
    public void Scan_KeywordOnOneLineAndValueOnTheNext_IsNotAMatch()
    {
        // Keyword-anchored rules read one line: a vendor word on one line must not vouch for a value on another.
        var rule = Rule("clockwork-api-key");
        var token = RuleCases.SampleToken(rule);

        var findings = new SecretScanner(Catalog.Rules).Scan(new ScanFragment("a.env", 1, $"# clockwork settings follow\nkey = {token}\n"));

        Assert.That(findings.Select(f => f.Rule.Id), Does.Not.Contain("clockwork-api-key"));
    }

    [Test]
    public void Scan_RuleThatSpansLines_SeesTheWholeFragment()
    {
        const string json = """
            { "provider": "Acme", "rules": [ {
              "id": "acme-two-line-key", "title": "Acme two-line key", "matches": "ACME-KEY then the key on the next line",
              "keywords": ["acme-key"], "spansLines": true,
              "pattern": "ACME-KEY\\r?\\n(?<secret>[a-f0-9]{32})",
              "sample": "<<hex:32>>", "examples": ["<<secret>>"], "negatives": ["ACME-KEY <<hex:31>>"],
              "remediation": { "envVar": "ACME_KEY", "summary": "s", "whatItIs": "w", "usedFor": ["u"], "howCreated": ["h"],
                "risks": ["r"], "revokeUrl": "https://acme.invalid/keys", "docsUrl": "https://acme.invalid/docs", "rotate": ["r"],
                "checkMisuse": ["c"], "dependents": ["d"], "bestPractices": ["b"] } } ] }
            """;
        var rule = RuleCatalog.Parse([("acme.json", json)], fullChecks: false).Rules.Single();
        const string key = "0123456789abcdef0123456789abcdef";

        var findings = new SecretScanner([rule]).Scan(new ScanFragment("k.txt", 10, $"header\nACME-KEY\n{key}\n"));

        Assert.That(rule.SpansLines, Is.True);
        Assert.That(findings.Single().Line, Is.EqualTo(12));
    }

    [Test]
    public void Scan_TwoRulesFindTheSameSecret_TheOneThatSawTheVendorNameReportsIt()
    {
        // A Paystack secret key has Stripe's sk_live_ shape; the Paystack rule also matched the vendor's name.
        var token = RuleCases.SampleToken(Rule("paystack-secret-key"));
        var line = $"PAYSTACK_SECRET_KEY={token}";
        var stripeAlone = new SecretScanner([Rule("stripe-secret-key")]).Scan(new ScanFragment("a.env", 1, line));

        var findings = new SecretScanner(Catalog.Rules).Scan(new ScanFragment("a.env", 1, line));

        Assert.That(stripeAlone, Has.Count.EqualTo(1), "the overlap this test is about");
        Assert.That(findings.Select(f => f.Rule.Id), Is.EqualTo(OnlyPaystack));
    }

    [Test]
    public void Scan_Finding_NeverCarriesTheFullSecret()
    {
        var rule = Rule("intercom-access-token");
        var token = RuleCases.SampleToken(rule);

        var finding = new SecretScanner(Catalog.Rules).Scan(new ScanFragment("app.env", 1, $"INTERCOM_ACCESS_TOKEN={token}")).Single();

        Assert.That(finding.ToString(), Does.Not.Contain(token));
        Assert.That(finding.Redacted, Is.EqualTo($"{token[..4]}**** ({token.Length} chars)"));
        Assert.That(finding.Fingerprint, Is.EqualTo($"intercom-access-token:app.env:{SecretText.Hash(token)}"));
        Assert.That(finding.SecretHash, Has.Length.EqualTo(16).And.Match("^[0-9a-f]{16}$"));
    }

    [Test]
    public void Scan_TextWithoutAnyKeyword_NeverBuildsARegex()
    {
        // Fresh rule objects so no earlier test has built their regexes.
        var fresh = RuleCatalog.Parse(RuleCatalog.ReadEmbeddedFiles(), fullChecks: false);
        var scanner = new SecretScanner(fresh.Rules);

        var findings = scanner.Scan(new ScanFragment("src/app.cs", 1, "public static int Add(int a, int b) => a + b;\n"));

        Assert.That(findings, Is.Empty);
        Assert.That(fresh.Rules.Where(r => r.IsRegexBuilt), Is.Empty);
    }

    [Test]
    public void Scan_KeywordOfOneRule_BuildsOnlyThatRulesRegex()
    {
        var fresh = RuleCatalog.Parse(RuleCatalog.ReadEmbeddedFiles(), fullChecks: false);

        new SecretScanner(fresh.Rules).Scan(new ScanFragment("a", 1, "see CCIPAT_ docs"));

        Assert.That(fresh.Rules.Where(r => r.IsRegexBuilt).Select(r => r.Id), Is.EqualTo(OnlyCircleCiPersonal));
    }

    [TestCase("CLOCKWORK_API_KEY=${CLOCKWORK_API_KEY}")]
    [TestCase("clockwork_key: \"<your-clockwork-key>\"")]
    public void Scan_Placeholder_IsNotReported(string line)
    {
        Assert.That(new SecretScanner(Catalog.Rules).Scan(new ScanFragment("a", 1, line)), Is.Empty);
    }

    [Test]
    public void Scan_LowEntropyValue_IsNotReported()
    {
        var findings = new SecretScanner(Catalog.Rules).Scan(new ScanFragment("a", 1, "CLOCKWORK_API_KEY=abababababababababababababababababababab"));

        Assert.That(findings, Is.Empty);
    }

    [Test]
    public void Scan_VendorDocumentationExample_IsNotReported()
    {
        // The "published example" is made here; the rule names it only by its SHA-256, as rule files do.
        var example = SampleShape.Generate("acme_<<alnum:32>>", new Random(7));
        var other = SampleShape.Generate("acme_<<alnum:32>>", new Random(8));
        var rule = RuleCatalog.Parse([("acme.json", AcmeRule("\"allow\": [\"sha256:" + SecretText.Sha256(example) + "\"],"))], fullChecks: false).Rules.Single();
        var scanner = new SecretScanner([rule]);

        Assert.That(scanner.Scan(new ScanFragment("a", 1, $"ACME_KEY={example}")), Is.Empty);
        Assert.That(scanner.Scan(new ScanFragment("a", 1, $"ACME_KEY={other}")), Has.Count.EqualTo(1));
    }

    [Test]
    public void Scan_AwsDocumentationStyleKeys_AreNotReported()
    {
        // AWS's documentation keys end in EXAMPLE / EXAMPLEKEY; the shape is built here, never stored.
        var keyId = SampleShape.Generate("AKIA<<[A-Z2-7]:9>>", new Random(3)) + "EXAMPLE";
        var secret = SampleShape.Generate("<<b64:30>>", new Random(4)) + "EXAMPLEKEY";

        var findings = new SecretScanner(Catalog.Rules).Scan(new ScanFragment("c", 1,
            $"aws_access_key_id = {keyId}\naws_secret_access_key = {secret}\n"));

        Assert.That(findings, Is.Empty);
    }

    [Test]
    public void Parse_AllowEntryThatIsTheValueItself_IsRefused()
    {
        var literal = SampleShape.Generate("acme_<<alnum:32>>", new Random(7));

        var error = Assert.Throws<RuleCatalogException>(() =>
            RuleCatalog.Parse([("acme.json", AcmeRule($"\"allow\": [\"{literal}\"],"))], fullChecks: false));

        Assert.That(error!.Message, Does.Contain("sha256"));
        Assert.That(error.Message, Does.Not.Contain(literal));
    }

    private static string AcmeRule(string extra) => $$"""
        { "provider": "Acme", "rules": [ {
          "id": "acme-api-key", "title": "Acme API key", "matches": "acme_ + 32 alphanumerics",
          "keywords": ["acme_"], {{extra}}
          "pattern": "(?:^|[^A-Za-z0-9_])(?<secret>acme_[A-Za-z0-9]{32})(?:[^A-Za-z0-9_]|$)",
          "sample": "acme_<<alnum:32>>", "examples": ["<<secret>>"], "negatives": ["acme_<<alnum:31>>"],
          "remediation": { "envVar": "ACME_KEY", "summary": "s", "whatItIs": "w", "usedFor": ["u"], "howCreated": ["h"],
            "risks": ["r"], "revokeUrl": "https://acme.invalid/keys", "docsUrl": "https://acme.invalid/docs", "rotate": ["r"],
            "checkMisuse": ["c"], "dependents": ["d"], "bestPractices": ["b"] } } ] }
        """;

    [Test]
    public void Scan_CommitOnFragment_IsCarriedToFinding()
    {
        var token = RuleCases.SampleToken(Rule("circleci-project-api-token"));
        var commit = new string('a', 40);

        var finding = new SecretScanner(Catalog.Rules).Scan(new ScanFragment("a", 1, token, commit)).Single();

        Assert.That(finding.Commit, Is.EqualTo(commit));
    }
}
