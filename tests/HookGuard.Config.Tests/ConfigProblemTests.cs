using HookGuard.Detectors.Catalog;

namespace HookGuard.Config.Tests;

/// <summary>
/// A config with a problem is refused whole, with one line: <c>PATH:LINE: message</c>, LINE being the 1-based line of
/// the value at fault (of its object when the value is missing).
/// </summary>
[TestFixture]
public sealed class ConfigProblemTests : TempFolderFixture
{
    /// <summary>A valid custom rule; the cases below change one line of it, keeping every line where it is.</summary>
    private const string CustomRuleConfig = """
        {
          "customRules": [
            {
              "provider": "Acme",
              "rules": [
                {
                  "id": "acme-api-key",
                  "title": "Acme API key",
                  "keywords": ["acme_"],
                  "pattern": "(?<secret>acme_[a-z0-9]{24})",
                  "remediation": { "envVar": "ACME_KEY", "summary": "An Acme key.", "revokeUrl": "https://acme.invalid/keys" }
                }
              ]
            }
          ]
        }
        """;

    private static TestCaseData Case(string condition, string json, int line, string message) =>
        new TestCaseData(json, line, message).SetName($"LoadFile_{condition}_IsRefusedOnItsLine");

    private static TestCaseData RuleCase(string condition, string line, string replacement, int expectedLine, string message)
    {
        if (!CustomRuleConfig.Contains(line, StringComparison.Ordinal))
        {
            throw new ArgumentException($"not in the template: {line}", nameof(line));
        }

        return Case(condition, CustomRuleConfig.Replace(line, replacement, StringComparison.Ordinal), expectedLine, message);
    }

    public static IEnumerable<TestCaseData> Problems()
    {
        yield return Case("JsonSyntaxError", "{\n  \"exclude\": [\"a\"\n    \"b\"]\n}", 3, "not valid JSON: ");
        yield return Case("EmptyFile", "", 1, "not valid JSON: ");
        yield return Case("JsonNull", "null", 1, "the config must be a JSON object");
        yield return Case("UnknownTopLevelKey", "{\n  \"exclude\": [],\n  \"disabel\": [\"x\"]\n}", 3, "unknown setting 'disabel'");
        yield return Case("UnknownKeyInAllow", "{\n  \"allow\": {\n    \"regex\": [\"x\"]\n  }\n}", 3, "unknown setting 'regex'");
        yield return Case("ExcludeIsAString", "{\n  \"allow\": {},\n  \"exclude\": \"x\"\n}", 3, "exclude has the wrong type of value");
        yield return Case("AllowRegexIsANumber", "{\n  \"allow\": {\n    \"regexes\": [1]\n  }\n}", 3, "allow.regexes[0] has the wrong type of value");
        yield return Case("UnknownRuleInDisableRules", """
            {
              "disableRules": [
                "circleci-personal-api-token",
                "no-such-rule"
              ]
            }
            """, 4, "disableRules: unknown rule 'no-such-rule'");
        foreach (var (name, regex) in new[] { ("Unbalanced", "(unclosed"), ("Backreference", "(a)\\\\1"), ("Lookahead", "(?=a)b"), ("Lookbehind", "(?<=a)b"), ("AtomicGroup", "(?>ab)") })
        {
            yield return Case($"AllowRegex{name}", $$"""
                {
                  "allow": {
                    "regexes": [
                      "^test_",
                      "{{regex}}"
                    ]
                  }
                }
                """, 5, "allow.regexes: not a regex HookGuard can run in linear time: ");
        }

        foreach (var (name, stopword) in new[] { ("TwoCharacterStopword", "ab"), ("StopwordShortAfterTrimming", "  ab  "), ("EmptyStopword", "") })
        {
            yield return Case(name, $"{{\n  \"allow\": {{\n    \"stopwords\": [\"dummy\",\n      \"{stopword}\"]\n  }}\n}}", 4, "allow.stopwords: each stopword needs at least 3 characters");
        }

        foreach (var (name, value) in new[] { ("Zero", "\"0\""), ("TwoGigabytes", "\"2g\""), ("Words", "\"ten\""), ("Negative", "-1"), ("Fraction", "1.5"), ("Boolean", "true") })
        {
            yield return Case($"MaxFileSize{name}", $"{{\n  \"exclude\": [],\n  \"maxFileSize\": {value}\n}}", 3, "maxFileSize must be a number of bytes between 1 and 1g");
        }

        yield return Case("BaselineMissing", "{\n  \"exclude\": [],\n  \"baseline\": \"ci/missing.txt\"\n}", 3, "baseline file not found: ci/missing.txt (paths are relative to the config's folder");
        yield return Case("BaselineEmpty", "{\n  \"exclude\": [],\n  \"baseline\": \"\"\n}", 3, "baseline file not found: ");
        foreach (var (name, glob) in new[] { ("Empty", ""), ("Blank", "  "), ("Negated", "!keep.txt"), ("ParentFolder", "../x"), ("ParentInside", "a/../b"), ("ParentOnly", ".."), ("ParentBackslash", "a\\\\..\\\\b") })
        {
            yield return Case($"Exclude{name}", $"{{\n  \"exclude\": [\n    \"*.min.js\",\n    \"{glob}\"\n  ]\n}}", 4, "exclude: each entry must be a glob from the repository root");
        }

        yield return RuleCase("CustomRulePatternWithoutSecretGroup", "(?<secret>acme_[a-z0-9]{24})", "acme_[a-z0-9]{24}", 10, "custom rule 'acme-api-key': pattern needs a named group 'secret'");
        yield return RuleCase("CustomRulePatternNotLinear", "(?<secret>acme_[a-z0-9]{24})", "(?<secret>(acme)_\\\\1)", 10, "custom rule 'acme-api-key': pattern does not compile with NonBacktracking");
        yield return RuleCase("CustomRuleWithoutPattern", "\"pattern\": \"(?<secret>acme_[a-z0-9]{24})\",", "\"matches\": \"acme_ + 24 characters\",", 6, "custom rule 'acme-api-key': pattern needs a named group 'secret'");
        yield return RuleCase("CustomRuleWithoutId", "\"id\": \"acme-api-key\",", "", 6, "custom rule #1: id must be kebab-case");
        yield return RuleCase("CustomRuleUnknownKey", "\"title\":", "\"titel\":", 8, "unknown setting 'titel'");
        yield return RuleCase("CustomRuleHttpRevokeUrl", "https://acme.invalid/keys", "http://acme.invalid/keys", 11, "custom rule 'acme-api-key': remediation.revokeUrl must be an https URL");
        yield return RuleCase("CustomRuleBuiltInId", "\"acme-api-key\"", "\"github-personal-access-token\"", 7, "custom rule 'github-personal-access-token': rule id 'github-personal-access-token' is already taken by a built-in rule");
        yield return RuleCase("CustomRuleFileWithoutProvider", "\"provider\": \"Acme\",", "", 3, "a custom rule file needs a 'provider' and at least one rule in 'rules'");
        yield return RuleCase("CustomRuleFileBlankProvider", "\"provider\": \"Acme\",", "\"provider\": \" \",", 3, "a custom rule file needs a 'provider'");
    }

    [TestCaseSource(nameof(Problems))]
    public void LoadFile_Problem_IsRefusedOnItsLine(string json, int line, string message)
    {
        var path = Folder.PathOf(HookGuardConfig.FileName);

        var refused = Folder.ConfigProblem(json);

        Assert.That(refused, Does.StartWith($"{path}:{line}: {message}").Using(StringComparison.Ordinal));
        Assert.That(refused, Does.Not.Contain("more problem"));
    }

    public static IEnumerable<TestCaseData> BuiltInIds()
    {
        var rules = RuleCatalog.LoadEmbedded().Rules;
        return new[] { rules[0], rules[rules.Count / 2], rules[^1] }.Select(rule => new TestCaseData(rule.Id).SetName($"LoadFile_CustomRuleWithBuiltInId_{rule.Id}_IsRefused"));
    }

    [TestCaseSource(nameof(BuiltInIds))]
    public void LoadFile_CustomRuleWithBuiltInId_IsRefused(string id)
    {
        var refused = Folder.ConfigProblem(CustomRuleConfig.Replace("\"acme-api-key\"", $"\"{id}\"", StringComparison.Ordinal));

        Assert.That(refused, Does.EndWith($":7: custom rule '{id}': rule id '{id}' is already taken by a built-in rule (to change a built-in rule, disable it and add yours under another id)").Using(StringComparison.Ordinal));
    }

    [Test]
    public void LoadFile_TwoProblems_ReportsTheFirstByLineAndCountsTheOther()
    {
        // disableRules is checked before allow; the report still follows the file's order.
        const string json = """
            {
              "allow": { "stopwords": ["ab"] },
              "disableRules": ["no-such-rule"]
            }
            """;

        var refused = Folder.ConfigProblem(json);

        Assert.That(refused, Is.EqualTo($"{Folder.PathOf(HookGuardConfig.FileName)}:2: allow.stopwords: each stopword needs at least 3 characters (a shorter one would allow almost any secret) (and 1 more problem)"));
    }

    [Test]
    public void LoadFile_ThreeProblems_CountsTheOtherTwo()
    {
        const string json = """
            {
              "disableRules": ["no-such-rule"],
              "maxFileSize": "ten",
              "exclude": ["!x"]
            }
            """;

        var refused = Folder.ConfigProblem(json);

        Assert.That(refused, Does.StartWith($"{Folder.PathOf(HookGuardConfig.FileName)}:2: disableRules: unknown rule 'no-such-rule'").Using(StringComparison.Ordinal));
        Assert.That(refused, Does.EndWith(" (and 2 more problems)").Using(StringComparison.Ordinal));
    }

    [Test]
    public void LoadFile_CommentsBeforeTheProblem_DoNotShiftItsLine()
    {
        const string json = """
            // line 1
            {
              /* line 3
                 line 4 */
              "exclude": [
                "a", // line 6
                "!b"
              ]
            }
            """;

        Assert.That(Folder.ConfigProblem(json), Contains.Substring($"{HookGuardConfig.FileName}:7: exclude:").Using(StringComparison.Ordinal));
    }

    [Test]
    public void LoadFile_CrlfLineEnds_LinesAreCountedTheSame()
    {
        var json = "{\r\n  \"exclude\": [\r\n    \"a\",\r\n    \"!b\"\r\n  ]\r\n}\r\n";

        Assert.That(Folder.ConfigProblem(json), Contains.Substring($"{HookGuardConfig.FileName}:4: exclude:").Using(StringComparison.Ordinal));
    }

    [Test]
    public void LoadFile_ValidCustomRuleTemplate_Loads()
    {
        // The cases above break one line each of this config; it must load as it is.
        Assert.That(Folder.LoadConfig(CustomRuleConfig).CustomRules.Single().Id, Is.EqualTo("acme-api-key"));
    }
}
