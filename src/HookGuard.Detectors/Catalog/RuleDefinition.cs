using System.Text.RegularExpressions;

namespace HookGuard.Detectors.Catalog;

/// <summary>One validated detector rule, as loaded from a provider file in Rules/.</summary>
public sealed class RuleDefinition
{
    private readonly Lazy<Regex> _regex;

    private readonly Lazy<RuleDetails> _details;

    internal RuleDefinition(
        string id, string title, string provider, string sourceFile, string matches,
        IReadOnlyList<string> keywords, string pattern, double? minEntropy, SecretValidator? validator,
        IReadOnlySet<string> allowedSecrets, string sample, IReadOnlyList<string> examples,
        IReadOnlyList<string> negatives, Remediation remediation, bool spansLines = false, IReadOnlySet<string>? supersedes = null, bool isFallback = false,
        int? lineReach = null)
        : this(id, title, provider, sourceFile, matches, keywords, pattern, minEntropy, validator, allowedSecrets,
            new Lazy<RuleDetails>(new RuleDetails(sample, examples, negatives, remediation)), spansLines, supersedes, isFallback, lineReach)
    {
    }

    /// <param name="details">What only a finding, a guide or a test needs; read on first use (built-in rules keep it in the embedded JSON).</param>
    internal RuleDefinition(
        string id, string title, string provider, string sourceFile, string matches,
        IReadOnlyList<string> keywords, string pattern, double? minEntropy, SecretValidator? validator,
        IReadOnlySet<string> allowedSecrets, Lazy<RuleDetails> details, bool spansLines, IReadOnlySet<string>? supersedes, bool isFallback,
        int? lineReach)
    {
        IsFallback = isFallback;
        LineReach = spansLines ? lineReach : null;
        Supersedes = supersedes ?? new HashSet<string>(StringComparer.Ordinal);
        SpansLines = spansLines;
        Id = id;
        Title = title;
        Provider = provider;
        SourceFile = sourceFile;
        Matches = matches;
        Keywords = keywords;
        Pattern = pattern;
        MinEntropy = minEntropy;
        Validator = validator;
        AllowedSecrets = allowedSecrets;
        _details = details;
        // Built on first use: a rule whose keywords never appear costs nothing but the prefilter.
        _regex = new Lazy<Regex>(() => CreateRegex(pattern), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Stable kebab-case id, <c>provider-token-kind</c>. Never changes once released.</summary>
    public string Id { get; }

    public string Title { get; }

    public string Provider { get; }

    /// <summary>The rule file it came from, e.g. <c>intercom.json</c>.</summary>
    public string SourceFile { get; }

    /// <summary>What the rule matches, in words (for <c>hookguard rules</c> and docs).</summary>
    public string Matches { get; }

    /// <summary>Prefilter words: the regex only runs on text containing one of them (case-insensitive).</summary>
    public IReadOnlyList<string> Keywords { get; }

    public string Pattern { get; }

    public double? MinEntropy { get; }

    /// <summary>
    /// Whether a match may cross line ends (a PEM key's header and body). Other rules run only on the lines
    /// where one of their keywords appears, which keeps the engine's cost proportional to those lines.
    /// </summary>
    public bool SpansLines { get; }

    /// <summary>
    /// For a rule that spans lines: how far a match reaches, in lines, before and after a line where one of its keywords
    /// appears. The rule then runs only on those lines around each keyword, not on the whole fragment; null for no bound
    /// (a PEM key's body has no fixed length).
    /// </summary>
    public int? LineReach { get; }

    /// <summary>
    /// Rules this one is more specific than: when both find the same secret at the same place, only this one reports
    /// it (paystack-secret-key supersedes stripe-secret-key: both shapes are sk_live_, but only one saw "paystack").
    /// </summary>
    public IReadOnlySet<string> Supersedes { get; }

    /// <summary>
    /// A generic rule (a private key, a URL credential, a JWT, an <c>api_key = …</c> assignment): when a vendor's rule
    /// reports the same secret at the same place, the vendor's finding, with its specific remediation, is the one shown.
    /// </summary>
    public bool IsFallback { get; }

    public SecretValidator? Validator { get; }

    /// <summary>SHA-256 (lowercase hex) of values a vendor publishes as documentation examples; those values are never reported.</summary>
    public IReadOnlySet<string> AllowedSecrets { get; }

    /// <summary>The sample shape tests build a valid-looking token from (see <see cref="SampleShape"/>).</summary>
    public string Sample => _details.Value.Sample;

    /// <summary>Context lines with a <c>&lt;&lt;secret&gt;&gt;</c> placeholder that must be found.</summary>
    public IReadOnlyList<string> Examples => _details.Value.Examples;

    /// <summary>Near-miss lines (may hold sample-shape generators) that must not be found.</summary>
    public IReadOnlyList<string> Negatives => _details.Value.Negatives;

    /// <exception cref="RuleCatalogException">A built-in rule's file no longer reads (caught by the test suite first).</exception>
    public Remediation Remediation => _details.Value.Remediation;

    internal RuleDetails Details => _details.Value;

    /// <summary>Whether the remediation and test fields were read yet (a clean scan should never read them).</summary>
    internal bool AreDetailsLoaded => _details.IsValueCreated;

    internal Regex Regex => _regex.Value;

    /// <summary>Whether the regex was built yet (the prefilter should keep most rules from ever building one).</summary>
    internal bool IsRegexBuilt => _regex.IsValueCreated;

    /// <summary>Longest a single regex match may take before the scan gives up (and the hook fails closed).</summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(BuiltInRegexes.MatchTimeoutMilliseconds);

    // Built-in patterns are compiled at build time by the regex source generator (BuiltInRegexes, an assembly of its
    // own, written from Rules/*.json by HookGuard.Detectors.RegexSource): under Native AOT RegexOptions.Compiled does
    // nothing, and the interpreter was ~40% of the engine's time. A generated regex costs nothing until first used.
    // Any other pattern (a config's custom rule) uses the interpreter: building a NonBacktracking regex costs 2-50 ms
    // per rule on a cold start (docs/performance.md), the interpreter well under 1 ms, and a hook pays that on every
    // commit. Patterns must still compile under NonBacktracking (checked by the test suite via CreateLinearTimeRegex),
    // which rules out lookarounds and backreferences; with only bounded quantifiers left, backtracking stays
    // polynomial, and the timeout is the backstop.
    internal static Regex CreateRegex(string pattern) => BuiltInRegexes.Find(pattern) ?? CreateInterpretedRegex(pattern);

    /// <summary>The pattern with the regex interpreter, as every pattern unknown at build time runs.</summary>
    internal static Regex CreateInterpretedRegex(string pattern) => new(pattern, BuiltInRegexes.PatternOptions, MatchTimeout);

    /// <summary>Builds the pattern with the linear-time engine, to prove it uses no backtracking-only constructs.</summary>
    internal static Regex CreateLinearTimeRegex(string pattern) =>
        new(pattern, BuiltInRegexes.PatternOptions | RegexOptions.NonBacktracking);
}

/// <summary>The parts of a rule a scan does not need: its remediation and the material its tests are built from.</summary>
internal sealed record RuleDetails(string Sample, IReadOnlyList<string> Examples, IReadOnlyList<string> Negatives, Remediation Remediation);
