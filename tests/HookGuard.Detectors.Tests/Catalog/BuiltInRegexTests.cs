using System.Text.RegularExpressions;
using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Tests.Catalog;

/// <summary>
/// Built-in patterns run as regexes the build compiled with the regex source generator (BuiltInRegexes, written from
/// Rules/*.json); anything else runs on the interpreter. Both must match exactly alike.
/// </summary>
public class BuiltInRegexTests
{
    [TestCaseSource(typeof(RuleCases), nameof(RuleCases.Rules))]
    public void Regex_BuiltInRule_IsSourceGeneratedWithTheInterpretersOptionsAndTimeLimit(string ruleId)
    {
        var rule = RuleCases.Catalog.Find(ruleId)!;
        var interpreted = RuleDefinition.CreateInterpretedRegex(rule.Pattern);

        Assert.Multiple(() =>
        {
            // The generator emits a Regex subclass; a pattern it could not compile would come back as a plain Regex.
            Assert.That(rule.Regex.GetType(), Is.Not.EqualTo(typeof(Regex)), "compiled at build time");
            Assert.That(rule.Regex.ToString(), Is.EqualTo(rule.Pattern), "the pattern survived the trip through C#");
            Assert.That(rule.Regex.Options, Is.EqualTo(interpreted.Options));
            Assert.That(rule.Regex.MatchTimeout, Is.EqualTo(interpreted.MatchTimeout));
            Assert.That(rule.Regex.MatchTimeout, Is.EqualTo(RuleDefinition.MatchTimeout));
        });
    }

    [TestCaseSource(typeof(RuleCases), nameof(RuleCases.Rules))]
    public void Matches_BuiltInRuleOnItsExamplesAndNearMisses_SameAsTheInterpreter(string ruleId)
    {
        var rule = RuleCases.Catalog.Find(ruleId)!;
        var interpreted = RuleDefinition.CreateInterpretedRegex(rule.Pattern);
        var positives = Enumerable.Range(0, 3)
            .SelectMany(variant => RuleCases.Contexts(rule, RuleCases.SampleToken(rule, variant)).Select(context => context.Line))
            .ToList();

        foreach (var line in positives.Concat(RuleCases.NegativeLines(rule)))
        {
            Assert.That(Matches(rule.Regex, line), Is.EqualTo(Matches(interpreted, line)), $"line: {line}");
        }

        Assert.That(positives.Where(line => rule.Regex.IsMatch(line)), Is.Not.Empty, "the comparison saw matches, not only misses");
    }

    [Test]
    public void Regex_CustomRule_RunsOnTheInterpreter()
    {
        var model = new RuleModel
        {
            Id = "acme-api-key",
            Title = "Acme API key",
            Keywords = ["acme_"],
            Pattern = "(?:^|[^a-z0-9_])(?<secret>acme_[a-z0-9]{24})(?:[^a-z0-9_]|$)",
            Remediation = new RemediationModel { EnvVar = "ACME_KEY", Summary = "An Acme key.", RevokeUrl = "https://acme.invalid/keys" },
        };
        var rule = RuleCatalog.ParseCustom([new RuleFileModel { Provider = "Acme", Rules = [model] }], ".hookguard.json", new HashSet<string>(), (_, _, _, message) => Assert.Fail(message)).Single();
        var value = "acme_" + new string('q', 12) + new string('7', 12);

        var match = rule.Regex.Match($"key: '{value}'");

        Assert.Multiple(() =>
        {
            Assert.That(BuiltInRegexes.Find(model.Pattern), Is.Null, "not a built-in pattern");
            Assert.That(rule.Regex.GetType(), Is.EqualTo(typeof(Regex)));
            Assert.That(rule.Regex.Options, Is.EqualTo(BuiltInRegexes.PatternOptions));
            Assert.That(rule.Regex.MatchTimeout, Is.EqualTo(RuleDefinition.MatchTimeout));
            Assert.That(match.Groups["secret"].Value, Is.EqualTo(value));
        });
    }

    private static List<(int Index, int Length, bool HasSecret, int SecretIndex, int SecretLength)> Matches(Regex regex, string line) =>
        regex.Matches(line)
            .Select(m => (m.Index, m.Length, m.Groups["secret"].Success, m.Groups["secret"].Index, m.Groups["secret"].Length))
            .ToList();
}
