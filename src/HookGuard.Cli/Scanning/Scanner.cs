using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Cli.Scanning;

/// <summary>Runs the built-in rules over the fragments a change source produced.</summary>
public static class Scanner
{
    private static readonly Lazy<SecretScanner> Engine =
        new(() => new SecretScanner(RuleCatalog.LoadEmbedded().Rules), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Starts loading the rules on another core. A hook spends most of its start-up compiling code
    /// (loading rules, opening the repository); the two do not depend on each other, so overlapping
    /// them shortens every commit (figures in docs/performance.md). A failure surfaces at Scan.
    /// </summary>
    public static void WarmUp() => ThreadPool.UnsafeQueueUserWorkItem(static _ =>
    {
        try
        {
            _ = Engine.Value;
        }
        catch (RuleCatalogException)
        {
            // Reported by Scan, on the main thread, as a one-line error.
        }
    }, null);

    public static ScanResult Scan(IEnumerable<ScanFragment> fragments, ScanStatistics statistics) =>
        Scan(fragments, statistics, new Dictionary<string, string>());

    public static ScanResult Scan(IEnumerable<ScanFragment> fragments, ScanStatistics statistics, IReadOnlyDictionary<string, string> commitSubjects)
    {
        var engine = Engine.Value;
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

        return new ScanResult(findings, statistics, commitSubjects);
    }
}
