using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HookGuard.Cli.Scanning;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Cli.Reports;

/// <summary>
/// The SARIF 2.1.0 report (one run), for code-scanning services such as GitHub's. Blocking findings and allowed
/// ones are both results; allowed ones carry a suppression, so a service shows them as dismissed, not as alerts.
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Key of <c>partialFingerprints</c>: the contract fingerprint, so alerts stay the same across commits, rebases and moved lines.</summary>
    public const string FingerprintKey = "hookguard/v1";

    /// <summary>Every artifact URI is relative to this base; the report never names the absolute directory it ran in.</summary>
    public const string SourceRoot = "%SRCROOT%";

    public static void Write(TextWriter writer, ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var findings = result.Findings.Concat(result.Allowed).ToList();
        var rules = findings.Select(f => f.Rule).DistinctBy(r => r.Id).ToList();
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
        var run = new SarifRun(
            new SarifTool(new SarifDriver("HookGuard", CliApplication.Version, CliApplication.ProjectUri, rules.Select(Descriptor).ToList())),
            [new SarifInvocation(ExecutionSuccessful: result.Statistics.UnreadableFiles == 0)],
            new Dictionary<string, SarifArtifactLocation>(StringComparer.Ordinal)
            {
                [SourceRoot] = new(Description: new SarifMessage("The repository root; outside a repository, the directory the scan ran in.")),
            },
            findings.Select(f => Result(f, ruleIndex[f.Rule.Id], result.CommitSubjects)).ToList(),
            "utf16CodeUnits",
            new SarifRunProperties(JsonScanned.From(result.Statistics)));
        writer.WriteLine(JsonSerializer.Serialize(new SarifLog(SchemaUri, "2.1.0", [run]), SarifReportContext.Readable.SarifLog));
    }

    /// <summary>
    /// A repository-relative path as a relative URI reference: each segment percent-encoded (UTF-8), so spaces, '#',
    /// '%', ':' and non-ASCII characters cannot change what a URI parser reads.
    /// </summary>
    public static string RelativeUri(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary><c>intercom-access-token</c> becomes <c>IntercomAccessToken</c>, the form SARIF viewers show as a rule name.</summary>
    public static string RuleName(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        return string.Concat(ruleId.Split('-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
    }

    private static SarifRule Descriptor(RuleDefinition rule)
    {
        var remediation = rule.Remediation;
        var help = new SarifMessage(
            $"{remediation.Summary}\n\nRevoke and rotate: {remediation.RevokeUrl}\n\nInstead: {FindingText.KeepOutOfCode(rule)}\n\nFull guide: {FindingText.ExplainCommand(rule)}",
            $"{Markdown(remediation.Summary)}\n\n**Revoke and rotate:** <{remediation.RevokeUrl}>\n\n**Instead:** {Markdown(FindingText.KeepOutOfCode(rule))}\n\nFull guide: `{FindingText.ExplainCommand(rule)}`");
        return new SarifRule(
            rule.Id,
            RuleName(rule.Id),
            new SarifMessage(rule.Title),
            new SarifMessage(remediation.WhatItIs),
            help,
            remediation.RevokeUrl,
            new SarifConfiguration("error"),
            new SarifRuleProperties(["security", "secret", rule.Provider]));
    }

    private static SarifResult Result(Finding finding, int ruleIndex, IReadOnlyDictionary<string, string> commitSubjects)
    {
        var location = new SarifPhysicalLocation(
            new SarifArtifactLocation(RelativeUri(finding.Path), SourceRoot),
            new SarifRegion(finding.Line, finding.Column));
        return new SarifResult(
            finding.Rule.Id,
            ruleIndex,
            "error",
            // Only the redacted form: a SARIF file is uploaded and shown to everyone who can read the alerts.
            new SarifMessage($"{finding.Rule.Title} found: {finding.Redacted}. Revoke and rotate it; full guide: {FindingText.ExplainCommand(finding)}"),
            [new SarifLocation(location)],
            new Dictionary<string, string>(StringComparer.Ordinal) { [FingerprintKey] = finding.Fingerprint },
            finding.AllowedBy is { } allowance ? [Suppression(allowance)] : null,
            finding.Commit is { } commit ? new SarifResultProperties(commit, commitSubjects.GetValueOrDefault(commit)) : null);
    }

    private static SarifSuppression Suppression(Allowance allowance) => allowance switch
    {
        Allowance.InlineComment => new("inSource", "hookguard:allow comment on the line"),
        Allowance.AllowList => new("external", "matches the config's allow list"),
        Allowance.IgnoreFile => new("external", "listed in .hookguardignore"),
        Allowance.Baseline => new("external", "in the baseline"),
        _ => throw new ArgumentOutOfRangeException(nameof(allowance), allowance, null),
    };

    /// <summary>Rule text is prose, not Markdown: characters Markdown would read as formatting are escaped.</summary>
    private static string Markdown(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}

internal sealed record SarifLog(
    [property: JsonPropertyName("$schema")] string Schema,
    string Version,
    IReadOnlyList<SarifRun> Runs);

internal sealed record SarifRun(
    SarifTool Tool,
    IReadOnlyList<SarifInvocation> Invocations,
    IReadOnlyDictionary<string, SarifArtifactLocation> OriginalUriBaseIds,
    IReadOnlyList<SarifResult> Results,
    string ColumnKind,
    SarifRunProperties Properties);

internal sealed record SarifTool(SarifDriver Driver);

internal sealed record SarifDriver(string Name, string Version, string InformationUri, IReadOnlyList<SarifRule> Rules);

internal sealed record SarifRule(
    string Id,
    string Name,
    SarifMessage ShortDescription,
    SarifMessage FullDescription,
    SarifMessage Help,
    string HelpUri,
    SarifConfiguration DefaultConfiguration,
    SarifRuleProperties Properties);

internal sealed record SarifConfiguration(string Level);

internal sealed record SarifRuleProperties(IReadOnlyList<string> Tags);

internal sealed record SarifInvocation(bool ExecutionSuccessful);

/// <summary>A SARIF message or multiformatMessageString: plain text, optionally Markdown too.</summary>
internal sealed record SarifMessage(string Text, string? Markdown = null);

internal sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifMessage Message,
    IReadOnlyList<SarifLocation> Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints,
    IReadOnlyList<SarifSuppression>? Suppressions,
    SarifResultProperties? Properties);

internal sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation);

internal sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion Region);

internal sealed record SarifArtifactLocation(string? Uri = null, string? UriBaseId = null, SarifMessage? Description = null);

internal sealed record SarifRegion(int StartLine, int StartColumn);

internal sealed record SarifSuppression(string Kind, string Justification);

/// <summary>The full 40-hex commit that added the secret (scans of commits only), and its subject line.</summary>
internal sealed record SarifResultProperties(string Commit, string? CommitSubject);

/// <summary>What the scan looked at, in the JSON report's <c>scanned</c> shape.</summary>
internal sealed record SarifRunProperties(JsonScanned Scanned);

// Source-generated: no reflection, ready for Native AOT.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SarifLog))]
internal sealed partial class SarifReportContext : JsonSerializerContext
{
    /// <summary>Leaves apostrophes and non-ASCII text unescaped (the file is UTF-8 and read by people too); nulls are left out, as SARIF readers expect.</summary>
    public static SarifReportContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
