using System.Runtime.ExceptionServices;
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
            RuleCatalog.PrepareCompiledPatterns();
        }
        catch (RuleCatalogException)
        {
            // Reported by Scan, on the main thread, as a one-line error.
        }
    }, null);

    /// <summary>Every finding, each once even if two fragments overlap; the same secret in several commits is reported for each.</summary>
    public static ScanResult Scan(IEnumerable<ScanFragment> fragments, ScanStatistics statistics, ScanPolicy policy, IReadOnlyDictionary<string, string>? commitSubjects = null)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        var engine = EngineFor(policy);
        var collector = new FindingCollector(engine, policy, finding => (finding.Fingerprint, finding.Line, finding.Column, finding.Commit));
        if (fragments is IReadOnlyList<ScanFragment> list && Environment.ProcessorCount > 1 && list.Sum(f => (long)f.Text.Length) >= ParallelScanChars)
        {
            // A large change: the engine is most of the time once the text is read, and fragments are independent, so
            // every core takes some. Findings are gathered back in fragment order, as a sequential scan reports them.
            var perFragment = new IReadOnlyList<Finding>[list.Count];
            try
            {
                Parallel.For(0, list.Count, i => perFragment[i] = engine.Scan(list[i]));
            }
            catch (AggregateException e)
            {
                // The engine's own failure (a rule past its time limit fails the scan closed) keeps its one-line message.
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }

            foreach (var findings in perFragment)
            {
                collector.Add(findings);
            }
        }
        else
        {
            foreach (var fragment in fragments)
            {
                collector.Add(fragment);
            }
        }

        return collector.Finish(statistics, commitSubjects);
    }

    /// <summary>Characters of added text from which a scan uses every core; below it, starting the workers costs more than it saves.</summary>
    private const long ParallelScanChars = 1 << 20;

    /// <summary>
    /// For a history, fed fragment by fragment as they are read: each fingerprint once, its first finding in fragment
    /// order. With fragments in the order of <c>CommitChangeSource.AllCommits</c> (parents first, otherwise oldest first)
    /// that is the commit that introduced the secret at that path; the same secret in another file is another
    /// fingerprint, reported with its own first commit. Only findings are kept, so memory does not grow with the history.
    /// </summary>
    public static FindingCollector FirstPerFingerprint(ScanPolicy policy) =>
        new(EngineFor(policy), policy, finding => (finding.Fingerprint, 0, 0, null));

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
}

/// <summary>Runs the engine over fragments as they arrive and keeps each finding once (by the identity it was made with).</summary>
public sealed class FindingCollector
{
    private readonly SecretScanner _engine;
    private readonly ScanPolicy _policy;
    private readonly Func<Finding, (string Fingerprint, int Line, int Column, string? Commit)> _identity;
    private readonly List<Finding> _findings = [];
    private readonly HashSet<(string Fingerprint, int Line, int Column, string? Commit)> _seen = [];

    internal FindingCollector(SecretScanner engine, ScanPolicy policy, Func<Finding, (string Fingerprint, int Line, int Column, string? Commit)> identity)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _engine = engine;
        _policy = policy;
        _identity = identity;
    }

    public void Add(ScanFragment fragment) => Add(_engine.Scan(fragment));

    /// <summary>Findings the engine made for one fragment elsewhere (a parallel scan), in fragment order.</summary>
    internal void Add(IReadOnlyList<Finding> findings)
    {
        foreach (var finding in findings)
        {
            if (_seen.Add(_identity(finding)))
            {
                _findings.Add(finding);
            }
        }
    }

    /// <summary>The findings so far, split by the policy into blocking and allowed.</summary>
    public ScanResult Finish(ScanStatistics statistics, IReadOnlyDictionary<string, string>? commitSubjects = null)
    {
        var (blocking, allowed) = _policy.Apply(_findings);
        return new ScanResult(blocking, statistics, commitSubjects ?? new Dictionary<string, string>()) { Allowed = allowed };
    }
}
