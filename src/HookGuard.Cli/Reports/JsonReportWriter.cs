using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HookGuard.Cli.Scanning;
using HookGuard.Detectors;

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
            JsonScanned.From(result.Statistics));
        writer.WriteLine(JsonSerializer.Serialize(report, JsonReportContext.Readable.JsonReport));
    }
}

internal sealed record JsonReport(IReadOnlyList<JsonFinding> Findings, JsonScanned Scanned);

internal sealed record JsonFinding(
    string RuleId, string Title, string Provider, string File, int Line, int Column, string? Commit,
    string Redacted, string Fingerprint, JsonRemediation Remediation);

internal sealed record JsonRemediation(string Summary, string RevokeUrl, string EnvVar, string Guide);

internal sealed record JsonScanned(int Files, long Bytes, int Commits, int BinaryFilesSkipped, int LargeFilesSkipped, int UnreadableFiles)
{
    public static JsonScanned From(ScanStatistics s) => new(s.Files, s.Bytes, s.Commits, s.BinaryFilesSkipped, s.LargeFilesSkipped, s.UnreadableFiles);
}

// Source-generated: no reflection, ready for Native AOT.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonReport))]
internal sealed partial class JsonReportContext : JsonSerializerContext
{
    /// <summary>Leaves apostrophes and other HTML-sensitive characters unescaped: the report is read by people too, never embedded in HTML.</summary>
    public static JsonReportContext Readable { get; } = new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
