using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HookGuard.Cli.Scanning;
using HookGuard.Detectors;
using HookGuard.Detectors.Engine;

namespace HookGuard.Cli.Reports;

/// <summary>The JSON report (contract: <c>findings</c> and <c>scanned</c>; see docs/usage.md).</summary>
public static class JsonReportWriter
{
    public static void Write(TextWriter writer, ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var report = new JsonReport(
            result.Findings.Select(f => new JsonFinding(
                f.Rule.Id, f.Rule.Title, f.Rule.Provider, f.Path, f.Line, f.Column, f.Commit, f.Redacted, f.Fingerprint,
                new JsonRemediation(f.Rule.Remediation.Summary, f.Rule.Remediation.RevokeUrl, f.Rule.Remediation.EnvVar, FindingText.ExplainCommand(f))))
                .ToList(),
            JsonScanned.From(result.Statistics),
            result.Allowed.Select(f => new JsonAllowedFinding(
                f.Rule.Id, f.Path, f.Line, f.Column, f.Commit, f.Redacted, f.Fingerprint, AllowedReason(f.AllowedBy))).ToList());
        writer.WriteLine(JsonSerializer.Serialize(report, JsonReportContext.Readable.JsonReport));
    }

    /// <summary>The reason's name in the report: stable words, not the enum's (which may be renamed).</summary>
    private static string AllowedReason(Allowance? allowance) => allowance switch
    {
        Allowance.InlineComment => "inlineComment",
        Allowance.AllowList => "allowList",
        Allowance.IgnoreFile => "ignoreFile",
        Allowance.Baseline => "baseline",
        _ => throw new ArgumentOutOfRangeException(nameof(allowance), allowance, "an allowed finding always has a reason"),
    };
}

/// <param name="Allowed">Findings that did not block, with why (added in 0.1.0 beside the contract's two keys).</param>
internal sealed record JsonReport(IReadOnlyList<JsonFinding> Findings, JsonScanned Scanned, IReadOnlyList<JsonAllowedFinding> Allowed);

internal sealed record JsonAllowedFinding(
    string RuleId, string File, int Line, int Column, string? Commit, string Redacted, string Fingerprint, string Reason);

internal sealed record JsonFinding(
    string RuleId, string Title, string Provider, string File, int Line, int Column, string? Commit,
    string Redacted, string Fingerprint, JsonRemediation Remediation);

internal sealed record JsonRemediation(string Summary, string RevokeUrl, string EnvVar, string Guide);

internal sealed record JsonScanned(int Files, long Bytes, int Commits, int BinaryFilesSkipped, int LargeFilesSkipped, int ExcludedFiles, int UnreadableFiles)
{
    public static JsonScanned From(ScanStatistics s) => new(s.Files, s.Bytes, s.Commits, s.BinaryFilesSkipped, s.LargeFilesSkipped, s.ExcludedFiles, s.UnreadableFiles);
}

// Source-generated: no reflection, ready for Native AOT.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonReport))]
internal sealed partial class JsonReportContext : JsonSerializerContext
{
    /// <summary>Leaves apostrophes and other HTML-sensitive characters unescaped: the report is read by people too, never embedded in HTML.</summary>
    public static JsonReportContext Readable { get; } = new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
