using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Remediation;

namespace HookGuard.Detectors.Tests;

/// <summary>
/// Test cases generated from the rule data: every rule's sample token, built at test time with a
/// seeded random source, placed in the usual places a developer pastes a token.
/// </summary>
internal static class RuleCases
{
    public static RuleCatalog Catalog => RuleCatalog.LoadEmbedded();

    /// <summary>The sample token of <paramref name="rule"/>, reproducible per rule and variant.</summary>
    public static string SampleToken(RuleDefinition rule, int variant = 0) =>
        SampleShape.Generate(rule.Sample, new Random(StableSeed(rule.Id) + variant));

    /// <summary>Assignment, .env, JSON and YAML contexts named after the rule's env var, plus the rule's own examples.</summary>
    public static IEnumerable<(string Context, string Line)> Contexts(RuleDefinition rule, string token)
    {
        var names = SnippetLibrary.Placeholders(rule);
        var env = rule.Remediation.EnvVar;
        yield return ("csharp-assignment", $"private const string {names["{{PASCAL}}"]} = \"{token}\";");
        yield return ("python-assignment", $"{names["{{SECRET_KEY}}"]} = '{token}'");
        yield return ("dotenv", $"{env}={token}");
        yield return ("json", $"{{\"{names["{{CAMEL}}"]}\": \"{token}\", \"timeout\": 30}}");
        yield return ("yaml", $"  {names["{{SECRET_KEY}}"]}: \"{token}\"");
        // Named after the vendor, so that formats without a distinctive prefix, which every rule requires its keyword
        // for, are tested in a header and a URL too (a bare `Authorization: Bearer` value of such a format names no
        // vendor, and those rules do not report it by design; their examples show the vendor's own header forms).
        yield return ("http-header", $"{HeaderName(env)}: {token}");
        yield return ("url-query", $"https://api.example.invalid/v1/items?limit=10&{env.ToLowerInvariant()}={token}");
        for (var i = 0; i < rule.Examples.Count; i++)
        {
            yield return ($"example-{i + 1}", SampleShape.Generate(rule.Examples[i], new Random(StableSeed(rule.Id) + 100 + i), token));
        }
    }

    /// <summary><c>X-Pagerduty-Api-Token</c> for <c>PAGERDUTY_API_TOKEN</c>.</summary>
    private static string HeaderName(string envVar) =>
        "X-" + string.Join('-', envVar.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(word => word[..1] + word[1..].ToLowerInvariant()));

    public static IEnumerable<TestCaseData> Positives()
    {
        foreach (var rule in Catalog.Rules)
        {
            for (var variant = 0; variant < 3; variant++)
            {
                var token = SampleToken(rule, variant);
                foreach (var (context, line) in Contexts(rule, token))
                {
                    yield return new TestCaseData(rule.Id, line, token).SetName($"{rule.Id}_{context}_v{variant}");
                }
            }
        }
    }

    public static IEnumerable<TestCaseData> Negatives()
    {
        foreach (var rule in Catalog.Rules)
        {
            var i = 0;
            foreach (var line in NegativeLines(rule))
            {
                yield return new TestCaseData(rule.Id, line).SetName($"{rule.Id}_negative_{++i}");
            }
        }
    }

    /// <summary>The rule's near misses, with their sample shapes expanded (reproducibly).</summary>
    public static IEnumerable<string> NegativeLines(RuleDefinition rule) =>
        rule.Negatives.Select((negative, i) => SampleShape.Generate(negative, new Random(StableSeed(rule.Id) + 200 + i)));

    public static IEnumerable<TestCaseData> Rules() =>
        Catalog.Rules.Select(rule => new TestCaseData(rule.Id).SetName(rule.Id));

    // string.GetHashCode is randomised per process; tests must be reproducible.
    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & 0x3FFFFFFF;
    }
}
