using System.Globalization;
using HookGuard.Cli.Scanning;
using HookGuard.Detectors.Engine;

namespace HookGuard.Cli.Reports;

/// <summary>The human report: per finding, where, what, the redacted value and a three-line remediation.</summary>
public sealed class TextReportWriter(bool color)
{
    private string Red(string text) => color ? $"\u001b[31m{text}\u001b[0m" : text;

    private string Bold(string text) => color ? $"\u001b[1m{text}\u001b[0m" : text;

    private string Dim(string text) => color ? $"\u001b[2m{text}\u001b[0m" : text;

    public void WriteFindings(TextWriter writer, ScanResult result, string where)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteLine(Red(Bold($"hookguard: {Count(result.Findings.Count, "secret")} found in {where}")));
        foreach (var finding in result.Findings)
        {
            var remediation = finding.Rule.Remediation;
            writer.WriteLine();
            writer.WriteLine($"  {Bold(FindingText.Location(finding))}  {finding.Rule.Title}");
            if (finding.Commit is { } commit)
            {
                writer.WriteLine($"    commit:  {FindingText.ShortCommit(commit)} {DisplayText.Escape(result.CommitSubjects.GetValueOrDefault(commit, ""))}".TrimEnd());
            }

            writer.WriteLine($"    secret:  {finding.Redacted}  {Dim($"fingerprint {DisplayText.Escape(finding.Fingerprint)}")}");
            writer.WriteLine($"    what:    {remediation.Summary}");
            writer.WriteLine($"    revoke:  {remediation.RevokeUrl}");
            writer.WriteLine($"    instead: {FindingText.KeepOutOfCode(finding)}");
            writer.WriteLine($"    guide:   {FindingText.ExplainCommand(finding)}");
        }
    }

    public static void WriteSummary(TextWriter writer, ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Statistics;
        var line = $"scanned {Count(s.Files, "file")} ({s.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)";
        if (s.Commits > 0)
        {
            line += $" in {Count(s.Commits, "commit")}";
        }

        var skipped = new List<string>();
        if (s.BinaryFilesSkipped > 0)
        {
            skipped.Add($"{Count(s.BinaryFilesSkipped, "binary file")}");
        }

        if (s.LargeFilesSkipped > 0)
        {
            skipped.Add($"{Count(s.LargeFilesSkipped, "file")} over {(result.MaxFileBytes is { } limit ? SizeLimitText.Limit(limit) : "the size limit")}");
        }

        if (skipped.Count > 0)
        {
            line += "; skipped " + string.Join(", ", skipped);
        }

        if (s.UnreadableFiles > 0)
        {
            line += $"; could not read {Count(s.UnreadableFiles, "file")}";
        }

        writer.WriteLine(result.Findings.Count == 0 ? $"hookguard: no secrets found; {line}" : $"hookguard: {line}");
    }

    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
