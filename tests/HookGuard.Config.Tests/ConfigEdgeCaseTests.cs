using System.Text;
using HookGuard.Detectors;

namespace HookGuard.Config.Tests;

/// <summary>
/// Edge cases found wrong while the config, ignore file and baseline were first pinned down, and fixed since: each
/// comment says what used to happen.
/// </summary>
[TestFixture]
public sealed class ConfigEdgeCaseTests : TempFolderFixture
{
    private string ConfigPath => Folder.PathOf(HookGuardConfig.FileName);

    [Test]
    public void LoadFile_TopLevelArray_SaysTheConfigMustBeAnObject()
    {
        // Was: "PATH:1:  has the wrong type of value (see docs/config.md)" — the JSON path "$" trims to nothing.
        Assert.That(Folder.ConfigProblem("[]"), Is.EqualTo($"{ConfigPath}:1: the config must be a JSON object"),
            "a top-level array is reported with an empty setting name");
    }

    [Test]
    public void LoadFile_Utf8ByteOrderMark_IsAccepted()
    {
        // Was: "PATH:1: not valid JSON: '0xEF' is an invalid start of a value." Notepad, Visual Studio and PowerShell's
        // Set-Content -Encoding utf8 (5.1) write a BOM; .NET's own JSON config files accept one.
        var path = ConfigPath;
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("{\n  \"exclude\": [\"*.min.js\"]\n}\n")]);

        HookGuardConfig? config = null;
        Assert.DoesNotThrow(() => config = ConfigLoader.LoadFile(path, Samples.BuiltIn), "a config saved with a UTF-8 BOM is refused");
        Assert.That(config?.ExcludePath?.Invoke("a.min.js"), Is.True);
    }

    [Test]
    public void LoadFile_BaselineWithNulCharacter_IsAUsageError()
    {
        // Was: ArgumentException "Null character in path." from Path.GetFullPath escapes the loader (not exit code 2).
        Assert.That(() => Folder.LoadConfig("{\n  \"baseline\": \"a\\u0000b\"\n}"),
            Throws.TypeOf<HookGuardUsageException>().With.Message.StartsWith($"{ConfigPath}:2: "),
            "a baseline path holding a NUL character throws ArgumentException instead of a usage error");
    }

    [TestCase("{\n  \"customRules\": [\n    null\n  ]\n}", TestName = "LoadFile_NullCustomRuleFile_IsAUsageErrorOnItsLine")]
    [TestCase("{\n  \"customRules\": [{\n    \"provider\": \"Acme\",\n    \"rules\": [\n null]\n  }]\n}", TestName = "LoadFile_NullCustomRule_IsAUsageErrorOnItsLine")]
    public void LoadFile_NullInCustomRules_IsAUsageErrorOnItsLine(string json)
    {
        // Was: NullReferenceException from RuleCatalog.ParseCustom (file.Provider / the rule model is null).
        Assert.That(() => Folder.LoadConfig(json),
            Throws.TypeOf<HookGuardUsageException>().With.Message.StartsWith($"{ConfigPath}:"),
            "null in customRules or in a rule file's rules crashes with NullReferenceException");
    }

    [TestCase("\"\"", TestName = "LoadFile_EmptyAllowRegex_IsRefused")]
    [TestCase("null", TestName = "LoadFile_NullAllowRegex_IsRefused")]
    public void LoadFile_AllowRegexThatMatchesEverySecret_IsRefused(string regex)
    {
        // Today both load, and the empty regex (null becomes "") matches every secret: every finding is allowed, the
        // scan is silently switched off. Stopwords under 3 characters are refused for the same reason.
        var json = $"{{\n  \"allow\": {{\n    \"regexes\": [\n      {regex}\n    ]\n  }}\n}}";

        Assert.That(() => Folder.LoadConfig(json),
            Throws.TypeOf<HookGuardUsageException>().With.Message.StartsWith($"{ConfigPath}:4: allow.regexes"),
            "an empty or null allow regex is accepted and allows every finding");
    }

    [Test]
    public void LoadFile_KeyGivenTwice_ReportsTheLineOfTheValueInEffect()
    {
        // Was: the second value is the one used, but the problem is placed on line 2 (the map keeps the first).
        // Refusing a duplicate key outright (JsonSerializerOptions.AllowDuplicateProperties = false) would also pass.
        const string json = """
            {
              "disableRules": ["circleci-personal-api-token"],
              "disableRules": ["no-such-rule"]
            }
            """;

        Assert.That(Folder.ConfigProblem(json), Does.StartWith($"{ConfigPath}:3: ").Using(StringComparison.Ordinal),
            "a problem in the second of two equal keys is placed on the first one's line");
    }

    [Test]
    public void Rules_DisabledCustomRule_IsLeftOut()
    {
        // Was: disableRules accepts a custom rule's id (ConfigLoader adds custom ids to the known ones) but Rules()
        // filters only the built-in rules, so the "disabled" custom rule still runs, without a word.
        const string json = """
            {
              "disableRules": ["acme-api-key"],
              "customRules": [{ "provider": "Acme", "rules": [{
                "id": "acme-api-key", "title": "Acme API key", "keywords": ["acme_"], "pattern": "(?<secret>acme_[a-z0-9]{24})",
                "remediation": { "envVar": "ACME_KEY", "summary": "An Acme key.", "revokeUrl": "https://acme.invalid/keys" } }] }]
            }
            """;

        var config = Folder.LoadConfig(json);

        Assert.That(config.Rules(Samples.BuiltIn).Select(rule => rule.Id), Does.Not.Contain("acme-api-key"),
            "a custom rule named in disableRules is accepted but still runs");
    }

    [Test]
    public void IsFingerprint_TrailingNewline_IsRefused()
    {
        // Was: true. The pattern ends in '$', which .NET also matches before a final '\n'; '\z' would not.
        Assert.That(FingerprintFile.IsFingerprint("rule-id:path/x.env:0123456789abcdef\n"), Is.False,
            "a fingerprint with a trailing line feed passes the control-character check");
    }
}
