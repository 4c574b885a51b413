using System.Text.Json;
using HookGuard.Cli.Reports;
using HookGuard.Cli.Scanning;
using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests;

/// <summary><c>--format sarif</c>: SARIF 2.1.0 that validates against the schema, for code-scanning services.</summary>
public class SarifReportTests
{
    // Only the tests of real scans make a repository; the writer's own tests need none.
    private static ProcessResult HookGuard(TempRepository repo, params string[] args) => Tool.Run(repo.Root, args, environment: repo.Environment);

    private static ProcessResult ScanStdin(string input, params string[] options) => Tool.Run(Path.GetTempPath(), ["scan", "stdin", .. options], input);

    private static JsonElement Run(JsonDocument sarif) => sarif.RootElement.GetProperty("runs")[0];

    private static JsonElement FirstResult(JsonDocument sarif) => Run(sarif).GetProperty("results")[0];

    private static JsonElement ArtifactLocation(JsonElement result) =>
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");

    /// <summary>A finding as the engine makes one; only the redacted form and a hash, never a secret.</summary>
    private static Finding Finding(string ruleId, string path, Allowance? allowedBy = null, string? commit = null) =>
        new(RuleCatalog.LoadEmbedded().Find(ruleId)!, path, 3, 7, commit, "abcd**** (40 chars)", "0123456789abcdef") { AllowedBy = allowedBy };

    private static string Write(ScanResult result)
    {
        using var writer = new StringWriter();
        SarifReportWriter.Write(writer, result);
        return writer.ToString();
    }

    [Test]
    public void ScanPath_TokenInRepository_ValidSarifWithTheFinding()
    {
        using var repo = TempRepository.Create();
        repo.Write("deploy/app.env", $"INTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token")}\n");

        var result = HookGuard(repo, "scan", "path", ".", "--format", "sarif");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        SarifSchema.AssertValid(result.StandardOutput);
        using var sarif = JsonDocument.Parse(result.StandardOutput);
        var finding = FirstResult(sarif);
        Assert.That(finding.GetProperty("ruleId").GetString(), Is.EqualTo("intercom-access-token"));
        Assert.That(ArtifactLocation(finding).GetProperty("uri").GetString(), Is.EqualTo("deploy/app.env"));
        Assert.That(ArtifactLocation(finding).GetProperty("uriBaseId").GetString(), Is.EqualTo("%SRCROOT%"));
        var region = finding.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.That(region.GetProperty("startLine").GetInt32(), Is.EqualTo(1));
        Assert.That(region.GetProperty("startColumn").GetInt32(), Is.EqualTo(23));
    }

    [Test]
    public void ScanStaged_TokenStaged_ValidSarifWithoutCommitProperties()
    {
        using var repo = TempRepository.Create();
        repo.Write("ci/build.sh", $"#!/bin/sh\ncurl -H 'Circle-Token: {Tool.Token("circleci-project-api-token")}' https://circleci.com/api/v1.1/me\n");
        repo.Stage("ci/build.sh");

        var result = HookGuard(repo, "scan", "staged", "--format", "sarif");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        SarifSchema.AssertValid(result.StandardOutput);
        using var sarif = JsonDocument.Parse(result.StandardOutput);
        Assert.That(FirstResult(sarif).TryGetProperty("properties", out _), Is.False, "no commit for a staged scan");
        Assert.That(Run(sarif).GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean(), Is.True);
        Assert.That(Run(sarif).GetProperty("columnKind").GetString(), Is.EqualTo("utf16CodeUnits"));
    }

    [Test]
    public void ScanRange_TokenCommitted_ValidSarifNamingTheFullCommitAndSubject()
    {
        using var repo = TempRepository.Create();
        repo.Write("deploy/ci.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        repo.Stage("deploy/ci.env");
        var commit = repo.Commit("add ci settings");

        var result = HookGuard(repo, "scan", "range", "HEAD", "--format", "sarif");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        SarifSchema.AssertValid(result.StandardOutput);
        using var sarif = JsonDocument.Parse(result.StandardOutput);
        var properties = FirstResult(sarif).GetProperty("properties");
        Assert.That(properties.GetProperty("commit").GetString(), Is.EqualTo(commit).And.Length.EqualTo(40));
        Assert.That(properties.GetProperty("commitSubject").GetString(), Is.EqualTo("add ci settings"));
        Assert.That(Run(sarif).GetProperty("properties").GetProperty("scanned").GetProperty("commits").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void ScanPath_PathWithSpacesAndUnicode_UriIsPercentEncodedAndValid()
    {
        const string path = "deploy files/réglages #1 100%.env";
        using var repo = TempRepository.Create();
        repo.Write(path, $"INTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token")}\n");

        var result = HookGuard(repo, "scan", "path", ".", "--format", "sarif");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        SarifSchema.AssertValid(result.StandardOutput);
        using var sarif = JsonDocument.Parse(result.StandardOutput);
        var uri = ArtifactLocation(FirstResult(sarif)).GetProperty("uri").GetString()!;
        Assert.That(uri, Is.EqualTo("deploy%20files/r%C3%A9glages%20%231%20100%25.env"));
        Assert.That(Uri.UnescapeDataString(uri), Is.EqualTo(path));
    }

    [TestCase("a\tb\u0001.txt", "a%09b%01.txt")]
    [TestCase("c:/x?y.txt", "c%3A/x%3Fy.txt")]
    [TestCase("../outside/漢字.txt", "../outside/%E6%BC%A2%E5%AD%97.txt")]
    public void RelativeUri_ControlAndReservedCharacters_PercentEncoded(string path, string expected)
    {
        Assert.That(SarifReportWriter.RelativeUri(path), Is.EqualTo(expected));
    }

    [Test]
    public void Write_AllowedFindings_ResultsWithSuppressionsAndValid()
    {
        var result = new ScanResult([Finding("intercom-access-token", "a.env")], new ScanStatistics { Files = 1 })
        {
            Allowed =
            [
                Finding("intercom-access-token", "b.env", Allowance.InlineComment),
                Finding("clockwork-api-key", "c.py", Allowance.AllowList),
                Finding("scalr-api-access-token", "d.tf", Allowance.IgnoreFile),
                Finding("circleci-project-api-token", "e.sh", Allowance.Baseline),
            ],
        };

        var text = Write(result);

        SarifSchema.AssertValid(text);
        using var sarif = JsonDocument.Parse(text);
        var results = Run(sarif).GetProperty("results").EnumerateArray().ToList();
        Assert.That(results, Has.Count.EqualTo(5));
        Assert.That(results[0].TryGetProperty("suppressions", out _), Is.False, "a blocking finding is not suppressed");
        var suppressions = results.Skip(1).Select(r => r.GetProperty("suppressions")[0]).Select(s => (s.GetProperty("kind").GetString(), s.GetProperty("justification").GetString()));
        Assert.That(suppressions, Is.EqualTo(new[]
        {
            ("inSource", "hookguard:allow comment on the line"),
            ("external", "matches the config's allow list"),
            ("external", "listed in .hookguardignore"),
            ("external", "in the baseline"),
        }));
    }

    [Test]
    public void Write_SameRuleTwice_OneDescriptorPerRuleInFirstAppearanceOrder()
    {
        var result = new ScanResult(
            [Finding("scalr-api-access-token", "a.tf"), Finding("clockwork-api-key", "b.py"), Finding("scalr-api-access-token", "c.tf")],
            new ScanStatistics())
        {
            Allowed = [Finding("intercom-access-token", "d.env", Allowance.Baseline)],
        };

        using var sarif = JsonDocument.Parse(Write(result));

        string[] expectedRules = ["scalr-api-access-token", "clockwork-api-key", "intercom-access-token"];
        int[] expectedIndexes = [0, 1, 0, 2];
        var rules = Run(sarif).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.That(rules, Is.EqualTo(expectedRules));
        var indexes = Run(sarif).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleIndex").GetInt32());
        Assert.That(indexes, Is.EqualTo(expectedIndexes));
    }

    [Test]
    public void Write_EmptyResult_ValidWithNoRulesAndNoResults()
    {
        var text = Write(new ScanResult([], new ScanStatistics()));

        SarifSchema.AssertValid(text);
        using var sarif = JsonDocument.Parse(text);
        Assert.That(sarif.RootElement.EnumerateObject().First().Name, Is.EqualTo("$schema"));
        Assert.That(sarif.RootElement.GetProperty("version").GetString(), Is.EqualTo("2.1.0"));
        Assert.That(Run(sarif).GetProperty("results").GetArrayLength(), Is.Zero);
        Assert.That(Run(sarif).GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void Write_UnreadableFiles_ExecutionNotSuccessful()
    {
        using var sarif = JsonDocument.Parse(Write(new ScanResult([], new ScanStatistics { UnreadableFiles = 1 })));

        Assert.That(Run(sarif).GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean(), Is.False);
    }

    [Test]
    public void Write_OneFindingPerCatalogRule_Valid()
    {
        // Every rule's metadata (title, guide text, revoke URL) ends up in the report; none may break the schema.
        var findings = RuleCatalog.LoadEmbedded().Rules.Select(r => Finding(r.Id, $"rules/{r.SourceFile}")).ToList();

        SarifSchema.AssertValid(Write(new ScanResult(findings, new ScanStatistics())));
    }

    [Test]
    public void SchemaCheck_StringStartLine_Fails()
    {
        // Guards the guard: a schema check that accepted anything would let every test above pass.
        var valid = Write(new ScanResult([Finding("intercom-access-token", "a.env")], new ScanStatistics()));
        var broken = valid.Replace("\"startLine\": 3", "\"startLine\": \"3\"", StringComparison.Ordinal);

        Assert.That(broken, Is.Not.EqualTo(valid));
        Assert.That(SarifSchema.Errors(broken), Is.Not.Empty);
        Assert.That(SarifSchema.Errors(valid.Replace("\"level\": \"error\"", "\"level\": \"fatal\"", StringComparison.Ordinal)), Is.Not.Empty);
        Assert.That(SarifSchema.Errors(valid.Replace("\"ruleIndex\"", "\"ruleNumber\"", StringComparison.Ordinal)), Is.Not.Empty);
    }

    [Test]
    public void ScanStdin_Sarif_RuleMetadataComesFromTheRule()
    {
        var rule = RuleCatalog.LoadEmbedded().Find("circleci-project-api-token")!;

        var result = ScanStdin($"Circle-Token: {Tool.Token(rule.Id)}\n", "--format", "sarif");

        using var sarif = JsonDocument.Parse(result.StandardOutput);
        var driver = Run(sarif).GetProperty("tool").GetProperty("driver");
        Assert.That(driver.GetProperty("name").GetString(), Is.EqualTo("HookGuard"));
        Assert.That(driver.GetProperty("version").GetString(), Is.EqualTo(CliApplication.Version));
        var descriptor = driver.GetProperty("rules")[0];
        Assert.That(descriptor.GetProperty("id").GetString(), Is.EqualTo(rule.Id));
        Assert.That(descriptor.GetProperty("name").GetString(), Is.EqualTo("CircleciProjectApiToken"));
        Assert.That(descriptor.GetProperty("shortDescription").GetProperty("text").GetString(), Is.EqualTo(rule.Title));
        Assert.That(descriptor.GetProperty("fullDescription").GetProperty("text").GetString(), Is.EqualTo(rule.Remediation.WhatItIs));
        Assert.That(descriptor.GetProperty("helpUri").GetString(), Is.EqualTo(rule.Remediation.RevokeUrl));
        Assert.That(
            descriptor.GetProperty("help").GetProperty("text").GetString(),
            Does.StartWith(rule.Remediation.Summary).And.Contain(rule.Remediation.RevokeUrl).And.EndWith($"Full guide: hookguard explain {rule.Id}"));
        Assert.That(descriptor.GetProperty("help").GetProperty("markdown").GetString(), Does.Contain($"`hookguard explain {rule.Id}`"));
        Assert.That(descriptor.GetProperty("defaultConfiguration").GetProperty("level").GetString(), Is.EqualTo("error"));
        Assert.That(descriptor.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "security", "secret", rule.Provider }));
        Assert.That(FirstResult(sarif).GetProperty("level").GetString(), Is.EqualTo("error"));
        Assert.That(FirstResult(sarif).GetProperty("message").GetProperty("text").GetString(), Does.Contain(rule.Title).And.Contain($"hookguard explain {rule.Id}"));
    }

    [Test]
    public void ScanPath_SarifAndJson_PartialFingerprintIsTheJsonFingerprint()
    {
        using var repo = TempRepository.Create();
        repo.Write("deploy/app.env", $"INTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token")}\n");

        using var json = JsonDocument.Parse(HookGuard(repo, "scan", "path", "deploy", "--format", "json").StandardOutput);
        using var sarif = JsonDocument.Parse(HookGuard(repo, "scan", "path", "deploy", "--format", "sarif").StandardOutput);

        var fingerprint = json.RootElement.GetProperty("findings")[0].GetProperty("fingerprint").GetString();
        Assert.That(FirstResult(sarif).GetProperty("partialFingerprints").GetProperty("hookguard/v1").GetString(), Is.EqualTo(fingerprint));
    }

    [Test]
    public void ScanStdin_Sarif_HoldsOnlyTheRedactedSecret()
    {
        var token = Tool.Token("scalr-api-access-token");

        var result = ScanStdin($"SCALR_TOKEN={token}\n", "--format", "sarif");

        Assert.That(result.StandardOutput, Does.Not.Contain(token).And.Not.Contain(token[..8]));
        using var sarif = JsonDocument.Parse(result.StandardOutput);
        Assert.That(FirstResult(sarif).GetProperty("message").GetProperty("text").GetString(), Does.Contain($"{token[..4]}**** ({token.Length} chars)"));
    }

    [TestCase(true, 1)]
    [TestCase(false, 0)]
    public void ScanStdin_Sarif_ExitCodeSaysWhetherSecretsWereFound(bool withToken, int exitCode)
    {
        var input = withToken ? $"SCALR_TOKEN={Tool.Token("scalr-api-access-token")}\n" : "nothing here\n";

        var result = ScanStdin(input, "--format", "sarif");

        Assert.That(result.ExitCode, Is.EqualTo(exitCode));
        SarifSchema.AssertValid(result.StandardOutput);
    }

    [Test]
    public void ScanStdin_SarifOutputFile_WritesReportThere()
    {
        using var repo = TempRepository.Create();
        var output = Path.Combine(repo.Root, "report.sarif");

        var result = ScanStdin($"SCALR_TOKEN={Tool.Token("scalr-api-access-token")}\n", "--format", "sarif", "--output", output);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Is.Empty);
        SarifSchema.AssertValid(File.ReadAllText(output));
    }
}
