using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Config.Tests;

[TestFixture]
public sealed class ConfigLoaderTests : TempFolderFixture
{
    private const string DisabledRule = "circleci-personal-api-token";
    private const string FullRuleShape = "initech_<<crc32b62:30>>";
    private static readonly string[] CustomRuleIds = ["acme-minimal-key", "initech-api-key"];
    private static readonly string[] MinimalRuleId = ["acme-minimal-key"];
    private static readonly string[] OnlyDisabledRule = [DisabledRule];
    private static readonly string[] ExcludedPaths = ["web/a.min.js", "build/out.txt", "src/testdata/x.txt"];

    /// <summary>Every key the config has, with comments and trailing commas as people write them by hand.</summary>
    private static string FullConfig(string maxFileSize, string publishedExample) => $$"""
        {
          // Lets editors validate the file.
          "$schema": "https://hookguard.invalid/schema/hookguard.json",
          "maxFileSize": {{maxFileSize}},
          "baseline": "ci/known-secrets.txt",
          /* A rule the team does not want,
             for reasons of its own. */
          "disableRules": ["{{DisabledRule}}"],
          "exclude": ["*.min.js", "/build", "testdata",],
          "allow": {
            "regexes": ["^acme_test_"],
            "stopwords": ["dummy"],
          },
          "customRules": [
            {
              "provider": "Acme",
              "rules": [
                {
                  "id": "acme-minimal-key",
                  "title": "Acme minimal key",
                  "keywords": ["acmemin_"],
                  "pattern": "(?:^|[^a-z0-9_])(?<secret>acmemin_[a-z0-9]{24})(?:[^a-z0-9_]|$)",
                  "remediation": { "envVar": "ACME_MIN_KEY", "summary": "An Acme key.", "revokeUrl": "https://acme.invalid/keys" },
                },
              ],
            },
            {
              "provider": "Initech",
              "rules": [
                {
                  "id": "initech-api-key",
                  "title": "Initech API key",
                  "matches": "initech_ + 30 base62 characters + their CRC32",
                  "keywords": ["initech_"],
                  "pattern": "(?:^|[^A-Za-z0-9_])(?<secret>initech_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)",
                  "minEntropy": 3.0,
                  "validator": "crc32-base62:initech_",
                  "spansLines": false,
                  "supersedes": ["acme-minimal-key"],
                  "fallback": false,
                  "allow": ["sha256:{{SecretText.Sha256(publishedExample)}}"],
                  "sample": "{{FullRuleShape}}",
                  "examples": ["INITECH_KEY=<<secret>>", "initech: '<<secret>>'"],
                  "negatives": ["INITECH_KEY=initech_<<alnum:35>>"],
                  "remediation": {
                    "envVar": "INITECH_KEY",
                    "summary": "An Initech API key.",
                    "whatItIs": "A key for Initech's API.",
                    "usedFor": ["TPS reports"],
                    "howCreated": ["In the Initech console."],
                    "risks": ["Anyone can file TPS reports as you."],
                    "revokeUrl": "https://initech.invalid/keys",
                    "docsUrl": "https://initech.invalid/docs",
                    "rotate": ["Create a new key, deploy it, delete the old one."],
                    "checkMisuse": ["Read the audit log."],
                    "dependents": ["The printer."],
                    "bestPractices": ["Keep it in a vault."],
                  },
                },
              ],
            },
          ],
        }
        """;

    [TestCase("\"10m\"", 10 * 1024 * 1024)]
    [TestCase("2048", 2048)]
    public void LoadFile_FullConfig_EverySettingTakesEffect(string maxFileSize, long expectedBytes)
    {
        Folder.Write("ci/known-secrets.txt", "# none yet\n");

        var config = Folder.LoadConfig(FullConfig(maxFileSize, Samples.Token(FullRuleShape, 1)));

        Assert.That(config.SourcePath, Is.EqualTo(Folder.PathOf(HookGuardConfig.FileName)));
        Assert.That(config.MaxFileBytes, Is.EqualTo(expectedBytes));
        Assert.That(config.BaselinePath, Is.EqualTo(Folder.PathOf("ci/known-secrets.txt")));
        Assert.That(config.DisabledRules, Is.EquivalentTo(OnlyDisabledRule));
        Assert.That(config.ChangesRules, Is.True);
        Assert.That(config.ExcludePath, Is.Not.Null);
        Assert.That(ExcludedPaths.Where(path => !config.ExcludePath!(path)), Is.Empty);
        Assert.That(config.ExcludePath!("src/app.cs"), Is.False);
        Assert.That(config.AllowList.Allows("acme_test_1234"), Is.True, "regex");
        Assert.That(config.AllowList.Allows("a-DUMMY-value"), Is.True, "stopword");
        Assert.That(config.AllowList.Allows("acme_live_1234"), Is.False);
    }

    [Test]
    public void Rules_FullConfig_LeavesTheDisabledRuleOutAndAppendsTheCustomOnes()
    {
        Folder.Write("ci/known-secrets.txt", "");
        var builtIn = Samples.BuiltIn;
        var config = Folder.LoadConfig(FullConfig("\"10m\"", Samples.Token(FullRuleShape, 1)));

        var rules = config.Rules(builtIn);

        Assert.That(rules.Select(rule => rule.Id), Does.Not.Contain(DisabledRule));
        Assert.That(rules, Has.Count.EqualTo(builtIn.Rules.Count - 1 + 2));
        Assert.That(rules.Take(builtIn.Rules.Count - 1), Is.EqualTo(builtIn.Rules.Where(rule => rule.Id != DisabledRule)));
        Assert.That(rules.Skip(builtIn.Rules.Count - 1).Select(rule => rule.Id), Is.EqualTo(CustomRuleIds));
        Assert.That(config.FindRule(builtIn, DisabledRule), Is.SameAs(builtIn.Find(DisabledRule)), "a disabled rule's guide still helps");
        Assert.That(config.FindRule(builtIn, "initech-api-key"), Is.SameAs(config.CustomRules[1]));
        Assert.That(config.FindRule(builtIn, "no-such-rule"), Is.Null);
    }

    [Test]
    public void CustomRules_RuleWithOnlyTheRequiredFields_TakesDefaultsForTheRest()
    {
        Folder.Write("ci/known-secrets.txt", "");

        var rule = Folder.LoadConfig(FullConfig("1", Samples.Token(FullRuleShape, 1))).CustomRules[0];

        Assert.That((rule.Id, rule.Provider, rule.SourceFile), Is.EqualTo(("acme-minimal-key", "Acme", HookGuardConfig.FileName)));
        Assert.That(rule.Matches, Is.EqualTo(rule.Title));
        Assert.That(rule.Remediation.WhatItIs, Is.EqualTo(rule.Remediation.Summary));
        Assert.That(rule.Remediation.UsedFor, Is.Empty);
        Assert.That((rule.Sample, rule.Examples.Count, rule.Negatives.Count), Is.EqualTo(("", 0, 0)));
        Assert.That((rule.MinEntropy, rule.Validator, rule.SpansLines, rule.IsFallback), Is.EqualTo(((double?)null, (SecretValidator?)null, false, false)));
    }

    [Test]
    public void CustomRules_RuleWithEveryField_KeepsThemAll()
    {
        Folder.Write("ci/known-secrets.txt", "");

        var rule = Folder.LoadConfig(FullConfig("1", Samples.Token(FullRuleShape, 1))).CustomRules[1];

        Assert.That((rule.Id, rule.Provider, rule.Matches), Is.EqualTo(("initech-api-key", "Initech", "initech_ + 30 base62 characters + their CRC32")));
        Assert.That((rule.MinEntropy, rule.Validator?.ToString()), Is.EqualTo(((double?)3.0, "crc32-base62:initech_")));
        Assert.That(rule.Supersedes, Is.EquivalentTo(MinimalRuleId));
        Assert.That((rule.Sample, rule.Examples.Count, rule.Negatives.Count, rule.AllowedSecrets.Count), Is.EqualTo((FullRuleShape, 2, 1, 1)));
        Assert.That(rule.Remediation.DocsUrl, Is.EqualTo("https://initech.invalid/docs"));
        Assert.That(rule.Remediation.BestPractices.Single(), Is.EqualTo("Keep it in a vault."));
    }

    [Test]
    public void CustomRules_FullConfig_FindsTheCustomTokenButNotThePublishedExample()
    {
        Folder.Write("ci/known-secrets.txt", "");
        var published = Samples.Token(FullRuleShape, 1);
        var token = Samples.Token(FullRuleShape, 2);
        var config = Folder.LoadConfig(FullConfig("1", published));
        var scanner = new SecretScanner(config.Rules(Samples.BuiltIn), config.AllowList);

        var findings = scanner.Scan(new ScanFragment("app.env", 1, $"INITECH_KEY={token}\nINITECH_KEY={published}\n"));

        Assert.That(findings.Select(f => (f.Rule.Id, f.Line, f.AllowedBy)), Is.EqualTo(new[] { ("initech-api-key", 1, (Allowance?)null) }));
    }

    [Test]
    public void LoadFile_CommentsAndTrailingCommas_AreAccepted()
    {
        const string json = """
            // HookGuard settings
            {
              /* one
                 block */ "exclude": [
                "*.min.js", // minified
                "testdata",
              ],
              "allow": { "stopwords": ["dummy",], },
            }
            // the end
            """;

        var config = Folder.LoadConfig(json);

        Assert.That(config.ExcludePath!("testdata/a.txt"), Is.True);
        Assert.That(config.AllowList.Allows("xDummyx"), Is.True);
    }

    [Test]
    public void LoadFile_EmptyObject_IsNoChange()
    {
        var config = Folder.LoadConfig("{}");

        Assert.That((config.MaxFileBytes, config.BaselinePath, config.ExcludePath, config.ChangesRules), Is.EqualTo(((long?)null, (string?)null, (Func<string, bool>?)null, false)));
        Assert.That(config.AllowList.IsEmpty, Is.True);
        Assert.That(config.Rules(Samples.BuiltIn), Is.SameAs(Samples.BuiltIn.Rules));
    }

    [Test]
    public void Find_ConfigInAParentFolder_IsFound()
    {
        var config = Folder.Write("repo/" + HookGuardConfig.FileName, "{}");
        var start = Folder.Folder("repo/src/deep");

        Assert.That(ConfigLoader.Find(start), Is.EqualTo(config));
    }

    [Test]
    public void Find_ConfigsAtSeveralLevels_TheNearestWins()
    {
        Folder.Write(HookGuardConfig.FileName, "{}");
        var nearest = Folder.Write("repo/src/" + HookGuardConfig.FileName, "{}");
        var start = Folder.Folder("repo/src/deep");

        Assert.That(ConfigLoader.Find(start), Is.EqualTo(nearest));
    }

    [Test]
    public void Find_NoConfigAnywhereAbove_ReturnsNull()
    {
        Assume.That(ConfigLoader.Find(Path.GetTempPath()), Is.Null, "a config above the temp folder would be found by every test");
        var start = Folder.Folder("repo/src");

        Assert.That(ConfigLoader.Find(start), Is.Null);
    }

    [Test]
    public void Find_FolderNamedLikeTheConfig_IsNotAConfig()
    {
        var config = Folder.Write(HookGuardConfig.FileName, "{}");
        Folder.Folder("repo/" + HookGuardConfig.FileName);

        Assert.That(ConfigLoader.Find(Folder.PathOf("repo")), Is.EqualTo(config));
    }

    [Test]
    public void Load_NoExplicitPathAndNoConfig_IsNone()
    {
        Assume.That(ConfigLoader.Find(Path.GetTempPath()), Is.Null, "a config above the temp folder would be found by every test");

        Assert.That(ConfigLoader.Load(null, Folder.Root, Samples.BuiltIn), Is.SameAs(HookGuardConfig.None));
    }

    [Test]
    public void Load_NoExplicitPath_LoadsTheNearestConfig()
    {
        var config = Folder.Write("repo/" + HookGuardConfig.FileName, """{ "maxFileSize": "1k" }""");

        var loaded = ConfigLoader.Load(null, Folder.Folder("repo/src"), Samples.BuiltIn);

        Assert.That((loaded.SourcePath, loaded.MaxFileBytes), Is.EqualTo((config, (long?)1024)));
    }

    [Test]
    public void Load_ExplicitPath_WinsOverTheNearestConfig()
    {
        Folder.Write("repo/" + HookGuardConfig.FileName, """{ "maxFileSize": "1k" }""");
        var other = Folder.Write("shared/hookguard.json", """{ "maxFileSize": "2k" }""");

        var loaded = ConfigLoader.Load(other, Folder.PathOf("repo"), Samples.BuiltIn);

        Assert.That((loaded.SourcePath, loaded.MaxFileBytes), Is.EqualTo((other, (long?)2048)));
    }

    [Test]
    public void Load_ExplicitPathThatDoesNotExist_IsAUsageErrorNamingIt()
    {
        Folder.Write(HookGuardConfig.FileName, "{}");
        var missing = Folder.PathOf("nowhere/hookguard.json");

        var exception = Assert.Throws<HookGuardUsageException>(() => ConfigLoader.Load(missing, Folder.Root, Samples.BuiltIn));

        Assert.That(exception!.Message, Is.EqualTo($"config file not found: {missing}"));
    }
}
