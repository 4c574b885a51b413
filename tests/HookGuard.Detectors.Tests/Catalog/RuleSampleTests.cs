using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Detectors.Tests.Catalog;

/// <summary>Every rule finds its own sample token in every context, and none of its near misses.</summary>
public class RuleSampleTests
{
    private static readonly SecretScanner Scanner = new(RuleCases.Catalog.Rules);

    [TestCaseSource(typeof(RuleCases), nameof(RuleCases.Positives))]
    public void Scan_SampleTokenInContext_FindsExactlyThatToken(string ruleId, string line, string token)
    {
        var findings = Scanner.Scan(new ScanFragment("config/settings.txt", 7, line));

        var mine = findings.Where(f => f.Rule.Id == ruleId).ToList();
        Assert.That(mine, Has.Count.EqualTo(1), $"line: {line}");
        Assert.That(mine[0].SecretHash, Is.EqualTo(SecretText.Hash(token)), "the secret group must hold exactly the token");
        Assert.That(mine[0].Line, Is.EqualTo(7));
        Assert.That(line.Substring(mine[0].Column - 1, token.Length), Is.EqualTo(token), "column points at the token");
    }

    [TestCaseSource(typeof(RuleCases), nameof(RuleCases.Negatives))]
    public void Scan_NearMiss_FindsNothingForThatRule(string ruleId, string line)
    {
        var findings = Scanner.Scan(new ScanFragment("config/settings.txt", 1, line));

        Assert.That(findings.Select(f => f.Rule.Id), Does.Not.Contain(ruleId), $"line: {line}");
    }

    [TestCaseSource(typeof(RuleCases), nameof(RuleCases.Rules))]
    public void SampleToken_EveryContext_ContainsOneOfTheRuleKeywords(string ruleId)
    {
        var rule = RuleCases.Catalog.Find(ruleId)!;
        var token = RuleCases.SampleToken(rule);

        foreach (var (context, line) in RuleCases.Contexts(rule, token))
        {
            Assert.That(rule.Keywords.Any(k => line.Contains(k, StringComparison.OrdinalIgnoreCase)), Is.True,
                $"{context}: the prefilter would never run this rule on '{line}'");
        }
    }

    [TestCaseSource(typeof(RuleCases), nameof(RuleCases.Rules))]
    public void SampleToken_RuleWithValidator_PassesTheValidator(string ruleId)
    {
        // The sample shape must describe a token the validator accepts, or every positive test is vacuous.
        // Rejection is covered by the rule's negatives (e.g. a base64 value decoding to "tok;" instead of "tok:").
        var rule = RuleCases.Catalog.Find(ruleId)!;
        if (rule.Validator is null)
        {
            Assert.Pass("no validator");
        }

        Assert.That(rule.Validator!.IsValid(RuleCases.SampleToken(rule)), Is.True);
    }
}
