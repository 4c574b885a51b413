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

    private string Cyan(string text) => color ? $"\u001b[36m{text}\u001b[0m" : text;

    /// <summary>
    /// Findings grouped by file (a blank line between files), each led by <c>path:line:column</c>, which terminals and
    /// editors open at the spot. A rule's guidance is shown at its first finding only, so the common case (one or two
    /// findings) fits on one screen and a file full of one kind of token does not repeat the same advice.
    /// </summary>
    public void WriteFindings(TextWriter writer, ScanResult result, string where)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteLine(Red(Bold($"hookguard: {Count(result.Findings.Count, "secret")} found in {where}")));
        var explained = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in result.Findings.GroupBy(f => f.Path, StringComparer.Ordinal))
        {
            writer.WriteLine();
            var width = file.Max(f => FindingText.Location(f).Length);
            foreach (var finding in file)
            {
                var remediation = finding.Rule.Remediation;
                writer.WriteLine($"  {Bold(FindingText.Location(finding).PadRight(width))}  {finding.Rule.Title}  {Cyan(finding.Redacted)}");
                if (finding.Commit is { } commit)
                {
                    writer.WriteLine($"    commit:  {FindingText.ShortCommit(commit)} {DisplayText.Escape(result.CommitSubjects.GetValueOrDefault(commit, ""))}".TrimEnd());
                }

                if (explained.Add(finding.Rule.Id))
                {
                    writer.WriteLine($"    what:    {remediation.Summary}");
                    writer.WriteLine($"    revoke:  {remediation.RevokeUrl}");
                    writer.WriteLine($"    instead: {FindingText.KeepOutOfCode(finding)}");
                    writer.WriteLine($"    guide:   {FindingText.ExplainCommand(finding)}");
                }

                writer.WriteLine(Dim($"    ignore:  {FindingText.IgnoreCommand(finding)}"));
            }
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
            skipped.Add($"{Count(s.LargeFilesSkipped, "file")} over {(result.MaxFileBytes is { } limit ? SizeLimitText.Limit(limit, result.MaxFileSizeSetting) : "the size limit")}");
        }

        if (skipped.Count > 0)
        {
            line += "; skipped " + string.Join(", ", skipped);
        }

        if (s.ExcludedFiles > 0)
        {
            line += $"; excluded {Count(s.ExcludedFiles, "file")} by the config";
        }

        if (s.UnreadableFiles > 0)
        {
            line += $"; could not read {Count(s.UnreadableFiles, "file")}";
        }

        writer.WriteLine(result.Findings.Count == 0 ? $"hookguard: no secrets found; {line}" : $"hookguard: {line}");
        if (AllowedLine(result) is { } allowed)
        {
            writer.WriteLine(allowed);
        }
    }

    /// <summary>One line counting the findings that did not block and why, or null when there were none.</summary>
    public static string? AllowedLine(ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Allowed.Count == 0)
        {
            return null;
        }

        var reasons = result.Allowed
            .GroupBy(f => f.AllowedBy)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {g.Key switch
            {
                Allowance.InlineComment => $"by a {SecretScanner.InlineAllowMarker} comment",
                Allowance.AllowList => "by the config's allow list",
                Allowance.IgnoreFile => "in .hookguardignore",
                _ => "in the baseline",
            }}");
        return $"hookguard: allowed {Count(result.Allowed.Count, "finding")} ({string.Join(", ", reasons)})";
    }

    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
