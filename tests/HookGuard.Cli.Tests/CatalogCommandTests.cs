using System.Text.Json;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests;

public class CatalogCommandTests
{
    private static ProcessResult HookGuard(params string[] args) => Tool.Run(Path.GetTempPath(), args);

    [Test]
    public void Explain_IntercomDefaultLanguage_MatchesApprovedGuide()
    {
        var result = HookGuard("explain", "intercom-access-token");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(Approvals.Verify(result.StandardOutput, "explain-intercom-access-token"), Is.Null);
    }

    [TestCase("python", "os.environ")]
    [TestCase("node", "process.env")]
    [TestCase("go", "os.LookupEnv")]
    [TestCase("java", "System.getenv")]
    [TestCase("csharp", "Environment.GetEnvironmentVariable")]
    public void Explain_Language_ShowsThatLanguagesSnippets(string language, string expected)
    {
        var result = HookGuard("explain", "scalr-api-access-token", "--lang", language);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Does.Contain(expected).And.Contain("SCALR_TOKEN"));
    }

    [Test]
    public void Explain_UnknownRule_Exit2WithSuggestion()
    {
        var result = HookGuard("explain", "intercom");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError, Does.Contain("unknown rule 'intercom'").And.Contain("intercom-access-token"));
    }

    [Test]
    public void Explain_UnknownLanguage_Exit2()
    {
        Assert.That(HookGuard("explain", "clockwork-api-key", "--lang", "cobol").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Rules_Text_ListsEveryCoreRule()
    {
        var result = HookGuard("rules");

        Assert.That(result.ExitCode, Is.Zero);
        foreach (var id in new[] { "intercom-access-token", "pagerduty-api-token", "scalr-api-access-token", "circleci-project-api-token", "clockwork-api-key" })
        {
            Assert.That(result.StandardOutput, Does.Contain(id));
        }
    }

    [Test]
    public void Rules_Json_HasIdsAndRevokeUrls()
    {
        using var rules = JsonDocument.Parse(HookGuard("rules", "--format", "json").StandardOutput);

        Assert.That(rules.RootElement.GetArrayLength(), Is.GreaterThanOrEqualTo(5));
        foreach (var rule in rules.RootElement.EnumerateArray())
        {
            Assert.That(rule.GetProperty("revokeUrl").GetString(), Does.StartWith("https://"));
        }
    }

    [TestCase("sarif", "is for scan results")]
    [TestCase("xml", "unknown --format 'xml'")]
    public void Rules_FormatWithoutACatalogForm_Exit2NamingTheFormatsItHas(string format, string message)
    {
        var result = HookGuard("rules", "--format", format);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(result.StandardError, Does.Contain(message).And.Contain("use --format text, json or markdown"));
    }

    [Test]
    public void Version_PrintsVersion()
    {
        Assert.That(HookGuard("--version").StandardOutput, Does.Match(@"\d+\.\d+\.\d+"));
    }

    [Test]
    public void NoArguments_ShowsHelpExit2()
    {
        var result = HookGuard();

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardOutput, Does.Contain("Usage: hookguard"));
    }
}
