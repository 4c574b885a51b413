using HookGuard.Detectors.Remediation;
using HookGuard.TestKit;

namespace HookGuard.Detectors.Tests.Remediation;

public class CatalogDocumentTests
{
    [Test]
    public void DetectorsPage_IsWhatTheCatalogueRendersToday()
    {
        var page = SourceTree.PathOf("docs/detectors.md");
        var rendered = CatalogDocument.Render(RuleCases.Catalog);
        if (Environment.GetEnvironmentVariable("HOOKGUARD_APPROVE") == "1")
        {
            File.WriteAllText(page, rendered);
        }

        Assert.That(File.Exists(page), Is.True, "docs/detectors.md is missing: run the tests with HOOKGUARD_APPROVE=1");
        Assert.That(File.ReadAllText(page).Replace("\r\n", "\n", StringComparison.Ordinal), Is.EqualTo(rendered),
            "docs/detectors.md is stale: regenerate it with `hookguard rules --format markdown > docs/detectors.md` (or HOOKGUARD_APPROVE=1)");
    }

    [Test]
    public void DetectorsPage_HasOneRowPerRuleWithItsRevokeUrl()
    {
        var rendered = CatalogDocument.Render(RuleCases.Catalog);

        foreach (var rule in RuleCases.Catalog.Rules)
        {
            Assert.That(rendered, Does.Contain($"| `{rule.Id}`<br>"));
            Assert.That(rendered, Does.Contain(rule.Remediation.RevokeUrl));
        }
    }
}
