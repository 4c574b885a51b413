using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Detectors.Tests.Engine;

/// <summary>
/// A rule that spans lines within a bound (<c>lineReach</c>) runs only on the lines around its keywords; it must find
/// exactly what running it on the whole fragment finds.
/// </summary>
public class LineReachTests
{
    private const string Remediation = """
        "remediation": { "envVar": "ACME_KEY", "summary": "s", "whatItIs": "w", "usedFor": ["u"], "howCreated": ["h"],
          "risks": ["r"], "revokeUrl": "https://acme.invalid/keys", "docsUrl": "https://acme.invalid/docs", "rotate": ["r"],
          "checkMisuse": ["c"], "dependents": ["d"], "bestPractices": ["b"] }
        """;

    // "owner:" then at most two lines, then "acme-key: VALUE": a match starts up to three lines before its keyword.
    private static RuleDefinition AcmeRule(string reach) => RuleCatalog.Parse([("acme.json", AcmeJson("\"spansLines\": true" + reach))], fullChecks: false).Rules.Single();

    private static string AcmeJson(string options) => $$"""
        { "provider": "Acme", "rules": [ {
          "id": "acme-owned-key", "title": "Acme owned key", "matches": "an owner block with an acme-key",
          "keywords": ["acme-key"], {{options}},
          "pattern": "\\bowner:[ \\t]*\\r?\\n(?:[^\\r\\n]{0,80}\\r?\\n){0,2}[ \\t]*acme-key:[ \\t]*(?<secret>[a-f0-9]{32})(?:[^a-f0-9]|$)",
          "sample": "<<hex:32>>", "examples": ["acme-key: <<secret>>"], "negatives": ["acme-key: <<hex:31>>"],
          {{Remediation}} } ] }
        """;

    [Test]
    public void Scan_RuleWithLineReach_FindsWhatTheWholeFragmentRunFinds()
    {
        var bounded = new SecretScanner([AcmeRule(", \"lineReach\": 3")]);
        var whole = new SecretScanner([AcmeRule("")]);
        var random = new Random(8);
        var checkedFindings = 0;
        for (var text = 0; text < 200; text++)
        {
            var fragment = new ScanFragment("c.yml", 1, GeneratedText(random));
            var expected = whole.Scan(fragment).Select(f => (f.Line, f.Column, f.SecretHash)).ToList();

            var actual = bounded.Scan(fragment).Select(f => (f.Line, f.Column, f.SecretHash)).ToList();

            Assert.That(actual, Is.EqualTo(expected), fragment.Text);
            checkedFindings += expected.Count;
        }

        Assert.That(checkedFindings, Is.GreaterThan(100), "the texts must hold matches for the comparison to mean anything");
    }

    [Test]
    public void Scan_MatchReachingFurtherThanDeclared_IsNotFound()
    {
        // The bound is the rule's promise: a pattern that reaches further than its lineReach loses those matches.
        var rule = AcmeRule(", \"lineReach\": 1");
        var text = $"owner:\nname: x\nteam: y\nacme-key: {Hex(1)}\n";

        Assert.That(new SecretScanner([AcmeRule("")]).Scan(new ScanFragment("c.yml", 1, text)), Has.Count.EqualTo(1));
        Assert.That(new SecretScanner([rule]).Scan(new ScanFragment("c.yml", 1, text)), Is.Empty);
    }

    [TestCase(", \"lineReach\": 0")]
    [TestCase(", \"lineReach\": 101")]
    public void Parse_LineReachOutOfRange_IsRefused(string reach)
    {
        var error = Assert.Throws<RuleCatalogException>(() => AcmeRule(reach))!;

        Assert.That(error.Errors.Single(), Does.Contain("lineReach"));
    }

    [Test]
    public void Parse_LineReachWithoutSpansLines_IsRefused()
    {
        var json = AcmeJson("\"lineReach\": 3");

        var error = Assert.Throws<RuleCatalogException>(() => RuleCatalog.Parse([("acme.json", json)], fullChecks: false))!;

        Assert.That(error.Errors.Single(), Does.Contain("lineReach").And.Contain("spansLines"));
    }

    [TestCase("a\nb\nc\nd\ne", 4, 0, 4)]
    [TestCase("a\nb\nc\nd\ne", 4, 1, 2)]
    [TestCase("a\nb\nc\nd\ne", 4, 9, 0)]
    [TestCase("a\nb\nc\nd\ne", 0, 2, 0)]
    [TestCase("a\r\nb\r\nc", 6, 1, 3)]
    [TestCase("\n\nx", 2, 1, 1)]
    public void StartOfLinesBefore_CountsLinesBack(string text, int position, int count, int expected)
    {
        Assert.That(SecretScanner.StartOfLinesBefore(text, position, count), Is.EqualTo(expected));
    }

    [TestCase("a\nb\nc\nd\ne", 0, 0, 1)]
    [TestCase("a\nb\nc\nd\ne", 0, 2, 5)]
    [TestCase("a\nb\nc\nd\ne", 2, 9, 9)]
    [TestCase("a\nb\nc\nd\ne", 8, 0, 9)]
    [TestCase("x\n\n\ny", 0, 1, 2)]
    public void EndOfLinesAfter_CountsLinesForward(string text, int position, int count, int expected)
    {
        Assert.That(SecretScanner.EndOfLinesAfter(text, position, count), Is.EqualTo(expected));
    }

    [Test]
    public void KubeconfigRule_WithItsLineReach_FindsWhatTheWholeFragmentRunFinds()
    {
        // The built-in rule declares lineReach 4 (user: then at most three lines before token:); compare it with the
        // same rule run on whole fragments, over kubeconfig-like texts with every distance and CRLF line ends.
        var builtIn = RuleCases.Catalog.Find("kubernetes-kubeconfig-token")!;
        var unbounded = new RuleDefinition(
            builtIn.Id, builtIn.Title, builtIn.Provider, builtIn.SourceFile, builtIn.Matches, builtIn.Keywords, builtIn.Pattern,
            builtIn.MinEntropy, builtIn.Validator, builtIn.AllowedSecrets, builtIn.Sample, builtIn.Examples, builtIn.Negatives,
            builtIn.Remediation, spansLines: true, builtIn.Supersedes, builtIn.IsFallback, lineReach: null);
        Assert.That(builtIn.LineReach, Is.EqualTo(4));
        var random = new Random(11);
        var found = 0;
        for (var text = 0; text < 100; text++)
        {
            var body = KubeconfigText(random, RuleCases.SampleToken(builtIn));
            var fragment = new ScanFragment("kubeconfig", 1, random.Next(2) == 0 ? body : body.Replace("\n", "\r\n"));
            var expected = new SecretScanner([unbounded]).Scan(fragment).Select(f => (f.Line, f.Column, f.SecretHash)).ToList();

            var actual = new SecretScanner([builtIn]).Scan(fragment).Select(f => (f.Line, f.Column, f.SecretHash)).ToList();

            Assert.That(actual, Is.EqualTo(expected), fragment.Text);
            found += expected.Count;
        }

        Assert.That(found, Is.GreaterThan(50));
    }

    private static string GeneratedText(Random random)
    {
        var lines = new List<string>();
        for (var block = 0; block < 8; block++)
        {
            switch (random.Next(5))
            {
                case 0:
                    lines.Add("owner:");
                    lines.AddRange(Enumerable.Range(0, random.Next(4)).Select(i => $"  field{i}: value{i}"));
                    lines.Add($"  acme-key: {Hex(random.Next())}");
                    break;
                case 1:
                    lines.Add($"acme-key: {Hex(random.Next())} without an owner");
                    break;
                case 2:
                    lines.Add("owner:");
                    lines.Add($"  acme-key: {Hex(random.Next())}  # acme-key again");
                    lines.Add($"owner:\n  acme-key: {Hex(random.Next())}");
                    break;
                default:
                    lines.AddRange(Enumerable.Range(0, random.Next(6)).Select(i => $"line {i} of ordinary text"));
                    break;
            }
        }

        return string.Join(random.Next(3) == 0 ? "\r\n" : "\n", lines) + (random.Next(2) == 0 ? "\n" : "");
    }

    private static string KubeconfigText(Random random, string token)
    {
        var lines = new List<string> { "apiVersion: v1", "kind: Config", "users:" };
        for (var user = 0; user < 4; user++)
        {
            lines.Add($"- name: deployer{user}");
            lines.Add("  user:");
            lines.AddRange(Enumerable.Range(0, random.Next(6)).Select(i => $"    key{i}: value{i}"));
            lines.Add($"    token: {token}");
            if (random.Next(3) == 0)
            {
                lines.Add($"kubectl config set-credentials u{user} --token={token}");
            }
        }

        lines.Add("# tokens end here");
        return string.Join("\n", lines) + "\n";
    }

    private static string Hex(int seed)
    {
        var random = new Random(seed);
        return string.Concat(Enumerable.Range(0, 32).Select(_ => "0123456789abcdef"[random.Next(16)]));
    }
}
