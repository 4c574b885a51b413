using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;
using RuleRemediation = HookGuard.Detectors.Catalog.Remediation;

namespace HookGuard.Detectors.Tests.Catalog;

/// <summary>
/// The catalogue a scan uses comes from the index the build generates out of Rules/*.json; these tests hold it to the
/// same files parsed with every check, and check that a scan reads no rule file it does not have to.
/// </summary>
public class BuiltInRuleIndexTests
{
    private static readonly string[] OnlyStripe = ["stripe-secret-key"];

    [Test]
    public void LoadEmbedded_EveryRule_EqualsTheParsedRuleFileFieldByField()
    {
        var parsed = RuleCatalog.Parse(RuleCatalog.ReadEmbeddedFiles(), fullChecks: true).Rules;
        var indexed = RuleCatalog.FromIndex().Rules;

        Assert.That(indexed.Select(r => r.Id), Is.EqualTo(parsed.Select(r => r.Id)), "same rules, same order");
        foreach (var (index, file) in indexed.Zip(parsed))
        {
            Assert.Multiple(() =>
            {
                Assert.That(index.Title, Is.EqualTo(file.Title), file.Id);
                Assert.That(index.Provider, Is.EqualTo(file.Provider), file.Id);
                Assert.That(index.SourceFile, Is.EqualTo(file.SourceFile), file.Id);
                Assert.That(index.Matches, Is.EqualTo(file.Matches), file.Id);
                Assert.That(index.Keywords, Is.EqualTo(file.Keywords), file.Id);
                Assert.That(index.Pattern, Is.EqualTo(file.Pattern), file.Id);
                Assert.That(index.MinEntropy, Is.EqualTo(file.MinEntropy), file.Id);
                Assert.That(index.Validator?.ToString(), Is.EqualTo(file.Validator?.ToString()), file.Id);
                Assert.That(index.AllowedSecrets, Is.EquivalentTo(file.AllowedSecrets), file.Id);
                Assert.That(index.SpansLines, Is.EqualTo(file.SpansLines), file.Id);
                Assert.That(index.LineReach, Is.EqualTo(file.LineReach), file.Id);
                Assert.That(index.Supersedes, Is.EquivalentTo(file.Supersedes), file.Id);
                Assert.That(index.IsFallback, Is.EqualTo(file.IsFallback), file.Id);
                Assert.That(index.Sample, Is.EqualTo(file.Sample), file.Id);
                Assert.That(index.Examples, Is.EqualTo(file.Examples), file.Id);
                Assert.That(index.Negatives, Is.EqualTo(file.Negatives), file.Id);
                Assert.That(index.Remediation, Is.EqualTo(file.Remediation).Using<RuleRemediation>(SameRemediation), file.Id);
            });
        }
    }

    [Test]
    public void Scan_CleanTextAndAFinding_ReadNoRulesDetails()
    {
        var catalog = RuleCatalog.FromIndex();
        var scanner = new SecretScanner(catalog.Rules);
        var token = RuleCases.SampleToken(RuleCases.Catalog.Find("stripe-secret-key")!);

        var findings = scanner.Scan(new ScanFragment("src/app.cs", 1, $"var total = a + b; // api token refresh\nvar key = \"{token}\";\n"));

        Assert.That(findings.Select(f => f.Rule.Id), Is.EqualTo(OnlyStripe));
        Assert.That(catalog.Rules.Where(r => r.AreDetailsLoaded).Select(r => r.Id), Is.Empty, "a scan alone reads no remediation");
    }

    [Test]
    public void Remediation_AskedForOneRule_ReadsOnlyThatRulesDetails()
    {
        var catalog = RuleCatalog.FromIndex();
        var stripe = catalog.Find("stripe-secret-key")!;

        Assert.That(stripe.Remediation.EnvVar, Is.EqualTo("STRIPE_SECRET_KEY"));
        Assert.That(catalog.Rules.Where(r => r.AreDetailsLoaded).Select(r => r.Id), Is.EqualTo(OnlyStripe));
    }

    private static bool SameRemediation(RuleRemediation a, RuleRemediation b) =>
        a.EnvVar == b.EnvVar && a.Summary == b.Summary && a.WhatItIs == b.WhatItIs && a.RevokeUrl == b.RevokeUrl && a.DocsUrl == b.DocsUrl
        && a.UsedFor.SequenceEqual(b.UsedFor) && a.HowCreated.SequenceEqual(b.HowCreated) && a.Risks.SequenceEqual(b.Risks)
        && a.Rotate.SequenceEqual(b.Rotate) && a.CheckMisuse.SequenceEqual(b.CheckMisuse) && a.Dependents.SequenceEqual(b.Dependents)
        && a.BestPractices.SequenceEqual(b.BestPractices);
}
