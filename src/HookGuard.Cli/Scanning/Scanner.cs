using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Cli.Scanning;

/// <summary>Runs the built-in rules over the fragments a change source produced.</summary>
public static class Scanner
{
    public static ScanResult Scan(IEnumerable<ScanFragment> fragments, ScanStatistics statistics)
    {
        var engine = new SecretScanner(RuleCatalog.LoadEmbedded().Rules);
        var findings = new List<Finding>();
        var seen = new HashSet<(string Fingerprint, int Line, int Column, string? Commit)>();
        foreach (var fragment in fragments)
        {
            foreach (var finding in engine.Scan(fragment))
            {
                if (seen.Add((finding.Fingerprint, finding.Line, finding.Column, finding.Commit)))
                {
                    findings.Add(finding);
                }
            }
        }

        return new ScanResult(findings, statistics);
    }
}
