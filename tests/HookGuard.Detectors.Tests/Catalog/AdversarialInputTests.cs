using HookGuard.Detectors.Engine;

namespace HookGuard.Detectors.Tests.Catalog;

/// <summary>
/// Lines of 1 MB built to provoke backtracking: the rule's keyword and the start of its sample, repeated.
/// A rule whose pattern backtracks badly hits the match timeout and the scan throws; the time it
/// takes is measured in the benchmark, not asserted here.
/// </summary>
public class AdversarialInputTests
{
    [TestCaseSource(typeof(RuleCases), nameof(RuleCases.Rules))]
    public void Scan_LongLineOfRepeatedKeywordsAndNearPrefixes_Finishes(string ruleId)
    {
        var rule = RuleCases.Catalog.Find(ruleId)!;
        var token = RuleCases.SampleToken(rule);
        var unit = string.Concat(rule.Keywords.Select(k => $"{k}_ {k}= '{token[..^1]}"));
        var line = string.Concat(Enumerable.Repeat(unit, (1024 * 1024 / unit.Length) + 1));
        var scanner = new SecretScanner([rule]);

        Assert.DoesNotThrow(() => scanner.Scan(new ScanFragment("long.txt", 1, line)));
    }
}
