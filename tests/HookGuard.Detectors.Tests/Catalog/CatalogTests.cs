using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Tests.Catalog;

public class CatalogTests
{
    private static readonly string[] CoreRules =
    [
        "intercom-access-token", "pagerduty-api-token", "scalr-api-access-token",
        "circleci-project-api-token", "clockwork-api-key",
    ];

    [Test]
    public void Parse_EmbeddedFilesWithPatternsCompiled_LoadsWithoutErrors()
    {
        var catalog = RuleCatalog.Parse(RuleCatalog.ReadEmbeddedFiles(), fullChecks: true);

        Assert.That(catalog.Rules, Is.Not.Empty);
    }

    [Test]
    public void LoadEmbedded_CoreFive_ArePresent()
    {
        var ids = RuleCatalog.LoadEmbedded().Rules.Select(r => r.Id);

        Assert.That(ids, Is.SupersetOf(CoreRules));
    }

    [Test]
    public void LoadEmbedded_EveryProviderFile_IsNamedForItsProvider()
    {
        foreach (var rule in RuleCatalog.LoadEmbedded().Rules)
        {
            Assert.That(rule.Id, Does.StartWith(Path.GetFileNameWithoutExtension(rule.SourceFile) + "-"), rule.Id);
        }
    }

    [Test]
    public void LoadEmbedded_EveryRule_HasCompleteRemediation()
    {
        foreach (var rule in RuleCatalog.LoadEmbedded().Rules)
        {
            var r = rule.Remediation;
            Assert.That(r.RevokeUrl, Does.StartWith("https://"), rule.Id);
            Assert.That(new[] { r.UsedFor, r.HowCreated, r.Risks, r.Rotate, r.CheckMisuse, r.Dependents, r.BestPractices },
                Has.All.Not.Empty, rule.Id);
            Assert.That(r.Rotate, Has.Count.GreaterThanOrEqualTo(3), $"{rule.Id}: rotation needs ordered steps");
        }
    }

    [Test]
    public void LoadEmbedded_RuleData_HoldsNoTokenShapedLiteral()
    {
        // Rule files describe tokens as shapes; a literal token in them would make the repository look like it leaks.
        var scanner = new HookGuard.Detectors.Engine.SecretScanner(RuleCatalog.LoadEmbedded().Rules);
        foreach (var (file, json) in RuleCatalog.ReadEmbeddedFiles())
        {
            var lines = json.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                Assert.That(scanner.Scan(new ScanFragment(file, i + 1, lines[i])), Is.Empty, $"{file}:{i + 1}");
            }
        }
    }

    [Test]
    public void LoadEmbedded_CalledTwice_ReturnsTheSameCatalog()
    {
        var first = RuleCatalog.LoadEmbedded();

        Assert.That(RuleCatalog.LoadEmbedded(), Is.SameAs(first));
    }
}
