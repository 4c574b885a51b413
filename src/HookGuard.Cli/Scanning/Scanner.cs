using HookGuard.Config;
using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Cli.Scanning;

/// <summary>Runs the rules the policy chooses over the fragments a change source produced, and sorts the findings by the policy.</summary>
public static class Scanner
{
    private static readonly Lazy<SecretScanner> BuiltInEngine =
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
            _ = BuiltInEngine.Value;
        }
        catch (RuleCatalogException)
        {
            // Reported by Scan, on the main thread, as a one-line error.
        }
    }, null);

    /// <summary>Every finding, each once even if two fragments overlap; the same secret in several commits is reported for each.</summary>
    public static ScanResult Scan(IEnumerable<ScanFragment> fragments, ScanStatistics statistics, ScanPolicy policy, IReadOnlyDictionary<string, string>? commitSubjects = null) =>
        Scan(fragments, statistics, policy, commitSubjects, finding => (finding.Fingerprint, finding.Line, finding.Column, finding.Commit));

    /// <summary>
    /// For a history: each fingerprint once, its first finding in fragment order. With fragments in the order of
    /// <c>CommitChangeSource.AllCommits</c> (parents first, otherwise oldest first) that is the commit that introduced the
    /// secret at that path; the same secret in another file is another fingerprint, reported with its own first commit.
    /// </summary>
    public static ScanResult ScanFirstPerFingerprint(IEnumerable<ScanFragment> fragments, ScanStatistics statistics, ScanPolicy policy, IReadOnlyDictionary<string, string> commitSubjects) =>
        Scan(fragments, statistics, policy, commitSubjects, finding => (finding.Fingerprint, 0, 0, null));

    /// <summary>
    /// <paramref name="message"/> with every secret the built-in rules recognise replaced by its redacted form. Error
    /// messages can quote what a user typed or a file held (an argument, a value); this is the last guard before they print.
    /// </summary>
    public static string RedactSecrets(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = message.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // Right to left, so that earlier columns stay valid while later ones are replaced.
            foreach (var finding in BuiltInEngine.Value.Scan(new ScanFragment("message", 1, lines[i])).OrderByDescending(f => f.Column))
            {
                var start = finding.Column - 1;
                lines[i] = string.Concat(lines[i].AsSpan(0, start), finding.Redacted, lines[i].AsSpan(start + finding.SecretLength));
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>The engine for a policy: the built-in one, shared and warmed up, unless the config changes the rules or allows secrets.</summary>
    private static SecretScanner EngineFor(ScanPolicy policy)
    {
        var config = policy.Config;
        return !config.ChangesRules && config.AllowList.IsEmpty
            ? BuiltInEngine.Value
            : new SecretScanner(config.Rules(RuleCatalog.LoadEmbedded()), config.AllowList);
    }

    private static ScanResult Scan(
        IEnumerable<ScanFragment> fragments,
        ScanStatistics statistics,
        ScanPolicy policy,
        IReadOnlyDictionary<string, string>? commitSubjects,
        Func<Finding, (string Fingerprint, int Line, int Column, string? Commit)> identity)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var engine = EngineFor(policy);
        var findings = new List<Finding>();
        var seen = new HashSet<(string Fingerprint, int Line, int Column, string? Commit)>();
        foreach (var fragment in fragments)
        {
            foreach (var finding in engine.Scan(fragment))
            {
                if (seen.Add(identity(finding)))
                {
                    findings.Add(finding);
                }
            }
        }

        var (blocking, allowed) = policy.Apply(findings);
        return new ScanResult(blocking, statistics, commitSubjects ?? new Dictionary<string, string>()) { Allowed = allowed };
    }
}
