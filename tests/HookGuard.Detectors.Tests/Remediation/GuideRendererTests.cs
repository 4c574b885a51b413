using HookGuard.Detectors.Remediation;
using HookGuard.TestKit;

namespace HookGuard.Detectors.Tests.Remediation;

public class GuideRendererTests
{
    private static readonly string[] Headings =
    [
        "What it is", "How it is used", "The risk if it leaks", "Revoke and rotate", "Check whether it was misused",
        "What stops working when you revoke it", "Keep it out of code", "How to create a new one", "Best practices",
    ];

    private static IEnumerable<TestCaseData> RulesTimesLanguages() =>
        from rule in RuleCases.Catalog.Rules
        from language in Enum.GetValues<SnippetLanguage>()
        select new TestCaseData(rule.Id, language).SetName($"{rule.Id}_{language.Name()}");

    [TestCaseSource(nameof(RulesTimesLanguages))]
    public void Render_EveryRuleAndLanguage_HasEverySectionAndNoLeftoverPlaceholder(string ruleId, SnippetLanguage language)
    {
        var rule = RuleCases.Catalog.Find(ruleId)!;

        var guide = GuideRenderer.Render(rule, language);

        Assert.That(guide, Does.Not.Contain("{{"));
        Assert.That(guide, Does.Contain(rule.Remediation.RevokeUrl));
        Assert.That(guide, Does.Contain(rule.Remediation.EnvVar));
        foreach (var heading in Headings)
        {
            Assert.That(guide, Does.Contain("\n" + heading), heading);
        }

        foreach (var (_, heading) in SnippetLibrary.Sources)
        {
            Assert.That(guide, Does.Contain(heading));
        }
    }

    [Test]
    public void Render_IntercomInCSharp_MatchesApprovedText()
    {
        var guide = GuideRenderer.Render(RuleCases.Catalog.Find("intercom-access-token")!, SnippetLanguage.CSharp);

        Assert.That(Approvals.Verify(guide, "intercom-access-token.csharp"), Is.Null);
    }

    [Test]
    public void Placeholders_EnvVarName_GivesCodeNames()
    {
        var names = SnippetLibrary.Placeholders(RuleCases.Catalog.Find("intercom-access-token")!);

        Assert.That(names["{{PASCAL}}"], Is.EqualTo("IntercomAccessToken"));
        Assert.That(names["{{CAMEL}}"], Is.EqualTo("intercomAccessToken"));
        Assert.That(names["{{SECRET_KEY}}"], Is.EqualTo("intercom_access_token"));
        Assert.That(names["{{SECRET_ID}}"], Is.EqualTo("my-app/intercom-access-token"));
    }
}
