using System.Text.RegularExpressions;
using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Engine;

/// <summary>
/// Runs rules over fragments. A multi-keyword prefilter decides which rules can possibly match a
/// fragment; only those rules' regexes run, so most text never reaches a regex.
/// </summary>
public sealed class SecretScanner
{
    private readonly KeywordMatcher<RuleDefinition[]> _keywords;
    private readonly Dictionary<RuleDefinition, int> _order;
    private readonly Comparison<RuleDefinition> _byCatalogOrder;
    private readonly SecretAllowList _allowList;

    /// <summary>The marker that allows every finding on its line, in any comment syntax (<c># hookguard:allow</c>, <c>// hookguard:allow</c>).</summary>
    public const string InlineAllowMarker = "hookguard:allow";

    /// <param name="rules">The rules to run, in the order their findings win ties.</param>
    /// <param name="allowList">Secrets the config allows; their findings come back with <see cref="Allowance.AllowList"/>.</param>
    public SecretScanner(IReadOnlyList<RuleDefinition> rules, SecretAllowList? allowList = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _allowList = allowList ?? SecretAllowList.Empty;
        // Plain loops, not LINQ: a hook waits for this constructor on every commit, and grouping ~1,000 keywords with
        // LINQ's iterators and intermediate lists was most of its time (profile in docs/performance.md).
        _order = new Dictionary<RuleDefinition, int>(rules.Count);
        var byKeyword = new Dictionary<string, List<RuleDefinition>>(StringComparer.Ordinal);
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            _order.Add(rule, index);
            foreach (var keyword in rule.Keywords)
            {
                var folded = keyword.ToLowerInvariant();
                if (!byKeyword.TryGetValue(folded, out var wakes))
                {
                    byKeyword.Add(folded, wakes = []);
                }

                if (!wakes.Contains(rule))
                {
                    wakes.Add(rule);
                }
            }
        }

        _byCatalogOrder = (a, b) => _order[a].CompareTo(_order[b]);
        var keywords = new (string Keyword, RuleDefinition[] Rules)[byKeyword.Count];
        var next = 0;
        foreach (var (keyword, wakes) in byKeyword)
        {
            keywords[next++] = (keyword, wakes.ToArray());
        }

        _keywords = new KeywordMatcher<RuleDefinition[]>(keywords);
    }

    /// <summary>Findings in <paramref name="fragment"/>, in text order.</summary>
    /// <remarks>
    /// A rule's regex runs only on the lines where one of its keywords appears (or, for a rule whose matches span
    /// lines, on the whole fragment once a keyword appears): a large file that names a vendor once costs one line of
    /// regex work, not the whole file.
    /// </remarks>
    public IReadOnlyList<Finding> Scan(ScanFragment fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        var text = fragment.Text;
        var findings = new List<(int Index, Finding Finding)>();
        LineIndex? lines = null;
        HashSet<RuleDefinition>? spanningRules = null;
        // For the spanning rules with a line reach: where their keywords appear, in text order.
        Dictionary<RuleDefinition, List<int>>? keywordPositions = null;
        var lineRules = new List<RuleDefinition>();
        var lineStart = -1;
        var lineEnd = -1;

        void RunLine()
        {
            if (lineRules.Count == 0)
            {
                return;
            }

            var line = text.Substring(lineStart, lineEnd - lineStart);
            lineRules.Sort(_byCatalogOrder);
            foreach (var rule in lineRules)
            {
                Run(rule, fragment, line, lineStart, findings, ref lines, _allowList);
            }

            lineRules.Clear();
        }

        var span = text.AsSpan();
        var keywordRules = new List<RuleDefinition[]>();
        for (var at = _keywords.IndexOfAny(span, 0, keywordRules); at >= 0; at = _keywords.IndexOfAny(span, at + 1, keywordRules))
        {
            if (at >= lineEnd)
            {
                RunLine();
                lineStart = span[..at].LastIndexOf('\n') + 1;
                var newline = span[at..].IndexOf('\n');
                lineEnd = newline < 0 ? span.Length : at + newline;
            }

            foreach (var rules in keywordRules)
            {
                foreach (var rule in rules)
                {
                    if (rule.SpansLines)
                    {
                        (spanningRules ??= []).Add(rule);
                        if (rule.LineReach is not null)
                        {
                            keywordPositions ??= [];
                            if (!keywordPositions.TryGetValue(rule, out var positions))
                            {
                                keywordPositions.Add(rule, positions = []);
                            }

                            positions.Add(at);
                        }
                    }
                    else if (!lineRules.Contains(rule))
                    {
                        lineRules.Add(rule);
                    }
                }
            }
        }

        RunLine();
        foreach (var rule in spanningRules?.OrderBy(rule => _order[rule]) ?? Enumerable.Empty<RuleDefinition>())
        {
            if (rule.LineReach is not null)
            {
                RunAround(rule, keywordPositions![rule], fragment, findings, ref lines, _allowList);
            }
            else
            {
                Run(rule, fragment, text, 0, findings, ref lines, _allowList);
            }
        }

        return OnePerSecret(findings);
    }

    /// <summary>
    /// Runs a rule that spans at most <see cref="RuleDefinition.LineReach"/> lines on either side of a keyword only on
    /// those lines: every match holds a keyword, so it lies in the window of one. Overlapping windows are joined, so no
    /// match is seen twice; a window starts and ends at line ends, where a whole-fragment run would see the same
    /// boundaries (a line end is a non-word character, and the end of a window is an end of input, as <c>$</c> sees a
    /// line end). Without this a rule woken by a common word ("token" is in most C# files: CancellationToken) ran over
    /// every such file whole.
    /// </summary>
    private static void RunAround(
        RuleDefinition rule, List<int> keywordPositions, ScanFragment fragment, List<(int Index, Finding Finding)> findings, ref LineIndex? lines, SecretAllowList allowList)
    {
        var text = fragment.Text;
        var reach = rule.LineReach!.Value;
        var windowStart = -1;
        var windowEnd = -1;
        foreach (var position in keywordPositions)
        {
            var start = StartOfLinesBefore(text, position, reach);
            var end = EndOfLinesAfter(text, position, reach);
            if (windowStart >= 0 && start <= windowEnd + 1)
            {
                windowEnd = Math.Max(windowEnd, end);
                continue;
            }

            if (windowStart >= 0)
            {
                Run(rule, fragment, text[windowStart..windowEnd], windowStart, findings, ref lines, allowList);
            }

            (windowStart, windowEnd) = (start, end);
        }

        if (windowStart >= 0)
        {
            Run(rule, fragment, text[windowStart..windowEnd], windowStart, findings, ref lines, allowList);
        }
    }

    /// <summary>Where the line <paramref name="count"/> lines before the one holding <paramref name="position"/> starts.</summary>
    internal static int StartOfLinesBefore(string text, int position, int count)
    {
        var start = position == 0 ? 0 : text.LastIndexOf('\n', position - 1) + 1;
        for (var line = 0; line < count && start > 0; line++)
        {
            // start - 1 is the newline ending the line before; its own start follows the newline before that.
            start = start < 2 ? 0 : text.LastIndexOf('\n', start - 2) + 1;
        }

        return start;
    }

    /// <summary>Where the line <paramref name="count"/> lines after the one holding <paramref name="position"/> ends (at its newline, or the end of the text).</summary>
    internal static int EndOfLinesAfter(string text, int position, int count)
    {
        var end = text.IndexOf('\n', position);
        for (var line = 0; line < count && end >= 0; line++)
        {
            end = text.IndexOf('\n', end + 1);
        }

        return end < 0 ? text.Length : end;
    }

    /// <summary>
    /// Findings in text order. When rules find the same secret at the same place, a generic (fallback) rule gives way
    /// to a vendor's rule, and a rule that declares it supersedes another (a Paystack key also has Stripe's shape;
    /// paystack-secret-key supersedes stripe-secret-key) is the only one of the two to report it.
    /// </summary>
    private static List<Finding> OnePerSecret(List<(int Index, Finding Finding)> findings) =>
        findings.Count <= 1
            ? findings.ConvertAll(f => f.Finding)
            : findings
                .GroupBy(f => (f.Index, f.Finding.SecretHash))
                .SelectMany(group => group.Where(f =>
                    !group.Any(other => other.Finding.Rule.Supersedes.Contains(f.Finding.Rule.Id))
                    && !(f.Finding.Rule.IsFallback && group.Any(other => !other.Finding.Rule.IsFallback))))
                .OrderBy(f => f.Index)
                .Select(f => f.Finding)
                .ToList();

    /// <summary>Every reportable match of <paramref name="rule"/> in <paramref name="input"/>, which starts at <paramref name="inputStart"/> of the fragment.</summary>
    private static void Run(
        RuleDefinition rule, ScanFragment fragment, string input, int inputStart, List<(int Index, Finding Finding)> findings, ref LineIndex? lines, SecretAllowList allowList)
    {
        var regex = rule.Regex;
        var start = 0;
        while (start < input.Length)
        {
            Match match;
            try
            {
                match = regex.Match(input, start);
            }
            catch (RegexMatchTimeoutException)
            {
                // Fail closed: an unfinished scan must not look like a clean one.
                throw new HookGuardEnvironmentException(
                    $"rule {rule.Id} took longer than {RuleDefinition.MatchTimeout.TotalSeconds:0} s on {fragment.Path} near line {fragment.StartLine}; the scan is incomplete",
                    "please report this rule; to get past it now: HOOKGUARD_SKIP=1 or git commit --no-verify");
            }

            if (!match.Success)
            {
                break;
            }

            var group = match.Groups["secret"];
            // Resume right after the secret, not after the match: a match may consume the
            // boundary character that the next token needs as its own left boundary.
            start = group.Success ? group.Index + Math.Max(group.Length, 1) : match.Index + Math.Max(match.Length, 1);
            if (!group.Success || !IsReportable(rule, group.Value))
            {
                continue;
            }

            var index = inputStart + group.Index;
            lines ??= new LineIndex(fragment.Text);
            var (line, column) = lines.Locate(index);
            findings.Add((index, new Finding(
                rule, fragment.Path, fragment.StartLine + line, column, fragment.Commit,
                SecretText.Redact(group.Value), SecretText.Hash(group.Value))
            {
                SecretLength = group.Length,
                AllowedBy = HasInlineAllow(fragment.Text, index) ? Allowance.InlineComment
                    : allowList.Allows(group.Value) ? Allowance.AllowList
                    : null,
            }));
        }
    }

    /// <summary>Whether the line where a secret starts carries <see cref="InlineAllowMarker"/>.</summary>
    private static bool HasInlineAllow(string text, int index)
    {
        var span = text.AsSpan();
        var start = span[..index].LastIndexOf('\n') + 1;
        var end = span[index..].IndexOf('\n');
        var line = end < 0 ? span[start..] : span[start..(index + end)];
        for (var at = line.IndexOf(InlineAllowMarker, StringComparison.OrdinalIgnoreCase); at >= 0;)
        {
            // The marker as a word of its own: "hookguard:allowlist" is not it.
            var after = at + InlineAllowMarker.Length;
            if (after == line.Length || !(char.IsLetterOrDigit(line[after]) || line[after] is '_' or '-'))
            {
                return true;
            }

            var next = line[after..].IndexOf(InlineAllowMarker, StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : after + next;
        }

        return false;
    }

    private static bool IsReportable(RuleDefinition rule, string secret) =>
        (rule.AllowedSecrets.Count == 0 || !rule.AllowedSecrets.Contains(SecretText.Sha256(secret)))
        && !SecretText.LooksLikePlaceholder(secret)
        && (rule.MinEntropy is not { } minimum || SecretText.Entropy(secret) >= minimum)
        && (rule.Validator is null || rule.Validator.IsValid(secret));

    /// <summary>Maps a character index in a fragment to a 0-based line offset and a 1-based column.</summary>
    private sealed class LineIndex(string text)
    {
        private readonly List<int> _lineStarts = FindLineStarts(text);

        public (int Line, int Column) Locate(int index)
        {
            var line = _lineStarts.BinarySearch(index);
            if (line < 0)
            {
                line = ~line - 1;
            }

            return (line, index - _lineStarts[line] + 1);
        }

        private static List<int> FindLineStarts(string text)
        {
            var starts = new List<int> { 0 };
            for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
            {
                starts.Add(i + 1);
            }

            return starts;
        }
    }
}
