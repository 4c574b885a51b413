using System.Text.Json.Nodes;
using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Tests.Catalog;

/// <summary>A bad rule file fails loudly at load, with the rule id and file first in the message.</summary>
public class CatalogValidationTests
{
    private static JsonObject ValidFile() => JsonNode.Parse("""
        {
          "provider": "Acme",
          "rules": [{
            "id": "acme-api-key",
            "title": "Acme API key",
            "matches": "acme_ + 32 alphanumerics",
            "keywords": ["acme_"],
            "pattern": "(?<secret>acme_[A-Za-z0-9]{32})",
            "sample": "acme_<<alnum:32>>",
            "examples": ["ACME_KEY=<<secret>>"],
            "negatives": ["ACME_KEY=acme_<<alnum:31>>"],
            "remediation": {
              "envVar": "ACME_API_KEY", "summary": "Key for the Acme API.", "whatItIs": "A key.",
              "usedFor": ["calls"], "howCreated": ["make one"], "risks": ["abuse"],
              "revokeUrl": "https://acme.invalid/keys", "rotate": ["new", "swap", "revoke"],
              "checkMisuse": ["logs"], "dependents": ["search"], "bestPractices": ["scope it"]
            }
          }]
        }
        """)!.AsObject();

    private static JsonObject Rule(JsonObject file) => file["rules"]![0]!.AsObject();

    private static RuleCatalogException? Load(JsonObject file)
    {
        try
        {
            RuleCatalog.Parse([("acme.json", file.ToJsonString())], fullChecks: true);
            return null;
        }
        catch (RuleCatalogException e)
        {
            return e;
        }
    }

    [Test]
    public void Parse_ValidFile_Loads()
    {
        Assert.That(Load(ValidFile()), Is.Null);
    }

    private static IEnumerable<TestCaseData> BrokenRules()
    {
        yield return Case("missing_id", r => r.Remove("id"), "id must be kebab-case");
        yield return Case("id_not_kebab", r => r["id"] = "AcmeKey", "id must be kebab-case");
        yield return Case("no_secret_group", r => r["pattern"] = "acme_[A-Za-z0-9]{32}", "named group 'secret'");
        yield return Case("lookahead_pattern", r => r["pattern"] = "(?<secret>acme_(?!x)[A-Za-z0-9]{32})", "does not compile with NonBacktracking");
        yield return Case("no_keywords", r => r["keywords"] = new JsonArray(), "needs keywords");
        yield return Case("unknown_validator", r => r["validator"] = "crc99", "unknown validator 'crc99'");
        yield return Case("bad_sample", r => r["sample"] = "acme_<<nope:3>>", "sample shape:");
        yield return Case("example_without_secret", r => r["examples"] = new JsonArray("ACME_KEY=x"), "every example must be a context line");
        yield return Case("no_negatives", r => r.Remove("negatives"), "needs a sample shape, examples and negatives");
        yield return Case("no_revoke_url", r => r["remediation"]!.AsObject().Remove("revokeUrl"), "revokeUrl must be an https URL");
        yield return Case("http_revoke_url", r => r["remediation"]!["revokeUrl"] = "http://acme.invalid", "revokeUrl must be an https URL");
        yield return Case("empty_rotate", r => r["remediation"]!["rotate"] = new JsonArray(), "rotate needs at least one");
        yield return Case("unknown_field", r => r["colour"] = "red", "not valid rule JSON");

        static TestCaseData Case(string name, Action<JsonObject> breakIt, string expected) =>
            new TestCaseData(breakIt, expected).SetName($"Parse_{name}_IsRejected");
    }

    [TestCaseSource(nameof(BrokenRules))]
    public void Parse_BrokenRule_IsRejectedWithRuleIdAndFileFirst(Action<JsonObject> breakIt, string expected)
    {
        var file = ValidFile();
        breakIt(Rule(file));

        var error = Load(file);

        Assert.That(error, Is.Not.Null);
        Assert.That(error!.Errors, Has.Some.Contains(expected));
        Assert.That(error.Errors, Has.All.Contains("acme.json"));
    }

    [Test]
    public void Parse_DuplicateIdsAcrossFiles_IsRejected()
    {
        var text = ValidFile().ToJsonString();

        var error = Assert.Throws<RuleCatalogException>(() =>
            RuleCatalog.Parse([("acme.json", text), ("acme2.json", text)], fullChecks: false));

        Assert.That(error!.Errors, Has.Some.Contains("acme-api-key (acme2.json): duplicate rule id"));
    }
}
