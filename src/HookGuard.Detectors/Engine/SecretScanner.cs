using System.Buffers;
using System.Text.RegularExpressions;
using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Engine;

/// <summary>
/// Runs rules over fragments. A multi-keyword prefilter decides which rules can possibly match a
/// fragment; only those rules' regexes run, so most text never reaches a regex.
/// </summary>
public sealed class SecretScanner
{
    private readonly SearchValues<string> _keywords;
    private readonly Dictionary<char, (string Keyword, RuleDefinition[] Rules)[]> _byFirstChar;
    private readonly Dictionary<RuleDefinition, int> _order;

    public SecretScanner(IReadOnlyList<RuleDefinition> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _order = rules.Select((rule, index) => (rule, index)).ToDictionary(p => p.rule, p => p.index);
        var byKeyword = rules
            .SelectMany(rule => rule.Keywords.Select(keyword => (Keyword: keyword.ToLowerInvariant(), Rule: rule)))
            .GroupBy(p => p.Keyword, StringComparer.Ordinal)
            .Select(g => (Keyword: g.Key, Rules: g.Select(p => p.Rule).Distinct().ToArray()))
            .ToList();
        _keywords = SearchValues.Create(byKeyword.Select(k => k.Keyword).ToArray(), StringComparison.OrdinalIgnoreCase);
        _byFirstChar = byKeyword
            .GroupBy(k => k.Keyword[0])
            .ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Findings in <paramref name="fragment"/>, in text order.</summary>
    public IReadOnlyList<Finding> Scan(ScanFragment fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        var candidates = RulesWithKeywordsIn(fragment.Text);
        if (candidates is null)
        {
            return [];
        }

        var findings = new List<(int Index, Finding Finding)>();
        LineIndex? lines = null;
        foreach (var rule in candidates.OrderBy(rule => _order[rule]))
        {
            var regex = rule.Regex;
            var start = 0;
            while (start < fragment.Text.Length)
            {
                Match match;
                try
                {
                    match = regex.Match(fragment.Text, start);
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

                lines ??= new LineIndex(fragment.Text);
                var (line, column) = lines.Locate(group.Index);
                findings.Add((group.Index, new Finding(
                    rule, fragment.Path, fragment.StartLine + line, column, fragment.Commit,
                    SecretText.Redact(group.Value), SecretText.Hash(group.Value))));
            }
        }

        return findings.OrderBy(f => f.Index).Select(f => f.Finding).ToList();
    }

    private static bool IsReportable(RuleDefinition rule, string secret) =>
        !rule.AllowedSecrets.Contains(secret)
        && !SecretText.LooksLikePlaceholder(secret)
        && (rule.MinEntropy is not { } minimum || SecretText.Entropy(secret) >= minimum)
        && (rule.Validator is null || rule.Validator.IsValid(secret));

    private HashSet<RuleDefinition>? RulesWithKeywordsIn(string text)
    {
        HashSet<RuleDefinition>? rules = null;
        var span = text.AsSpan();
        var offset = 0;
        while (offset < span.Length)
        {
            var found = span[offset..].IndexOfAny(_keywords);
            if (found < 0)
            {
                break;
            }

            var at = offset + found;
            if (_byFirstChar.TryGetValue(char.ToLowerInvariant(span[at]), out var entries))
            {
                foreach (var (keyword, keywordRules) in entries)
                {
                    if (span[at..].StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
                    {
                        rules ??= [];
                        rules.UnionWith(keywordRules);
                    }
                }
            }

            offset = at + 1;
        }

        return rules;
    }

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
