using BenchmarkDotNet.Attributes;
using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Benchmarks;

/// <summary>
/// The engine with the full catalogue: throughput on ordinary code (MB/s = 4 MB / mean time), on hostile input,
/// and the cost of loading the catalogue, which every hook run pays once.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int OrdinaryMegabytes = 4;
    private const int AdversarialKilobytes = 512;

    private SecretScanner _scanner = null!;
    private ScanFragment _ordinary = null!;
    private ScanFragment _dense = null!;
    private ScanFragment _adversarial = null!;
    private IReadOnlyList<(string FileName, string Json)> _ruleFiles = null!;
    private KeywordMatcher<RuleDefinition> _keywords = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _scanner = new SecretScanner(RuleCatalog.LoadEmbedded().Rules);
        _ordinary = new ScanFragment("src/App/Orders.cs", 1, Corpus.OrdinaryCode(OrdinaryMegabytes));
        _dense = new ScanFragment("src/App/Settings.cs", 1, Corpus.KeywordDense(OrdinaryMegabytes));
        _adversarial = new ScanFragment("hostile.txt", 1, Corpus.Adversarial(AdversarialKilobytes));
        _ruleFiles = RuleCatalog.ReadEmbeddedFiles();
        _keywords = new KeywordMatcher<RuleDefinition>(RuleCatalog.LoadEmbedded().Rules.SelectMany(rule => rule.Keywords.Select(keyword => (keyword, rule))));

        // Build every regex a keyword wakes, so the timings are of matching, not of first-use construction.
        _scanner.Scan(_ordinary);
        _scanner.Scan(_dense);
        _scanner.Scan(_adversarial);
    }

    [Benchmark(Description = "ordinary code, 4 MB, all rules")]
    public int OrdinaryCode() => _scanner.Scan(_ordinary).Count;

    /// <summary>The prefilter alone: where every keyword occurs, no regex run.</summary>
    [Benchmark(Description = "keyword matcher alone, ordinary code, 4 MB")]
    public int KeywordMatcherOnOrdinaryCode()
    {
        var found = new List<RuleDefinition>();
        var count = 0;
        var text = _ordinary.Text.AsSpan();
        for (var at = _keywords.IndexOfAny(text, 0, found); at >= 0; at = _keywords.IndexOfAny(text, at + 1, found))
        {
            count++;
        }

        return count;
    }

    [Benchmark(Description = "keyword on every line, 4 MB, all rules")]
    public int KeywordDense() => _scanner.Scan(_dense).Count;

    [Benchmark(Description = "adversarial lines, 512 KB, all rules")]
    public int Adversarial() => _scanner.Scan(_adversarial).Count;

    [Benchmark(Description = "parse the embedded rule files (tests only since issue 8)")]
    public int LoadCatalogue() => RuleCatalog.Parse(_ruleFiles, fullChecks: false).Rules.Count;

    /// <summary>What a hook pays before scanning: the catalogue from the build-time index, and the engine's prefilter.</summary>
    [Benchmark(Description = "catalogue from the index + engine (every hook run)")]
    public int LoadIndexAndBuildEngine() => new SecretScanner(RuleCatalog.FromIndex().Rules).GetHashCode();
}
