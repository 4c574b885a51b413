using System.Text.RegularExpressions;

namespace HookGuard.Detectors.Catalog;

/// <summary>
/// How every rule pattern is matched, compiled here or interpreted (RuleDefinition): constants, because the generated
/// <c>[GeneratedRegex]</c> attributes of the built-in patterns (the other part of this class, written at build time
/// from Rules/*.json) name them, so the compiled regexes cannot drift from the interpreter's.
/// </summary>
internal static partial class BuiltInRegexes
{
    /// <summary>Longest a single regex match may take before the scan gives up (and the hook fails closed).</summary>
    internal const int MatchTimeoutMilliseconds = 2000;

    internal const RegexOptions PatternOptions = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>
    /// Builds what the compiled patterns share. The regex generator puts the search tables of every pattern of this
    /// assembly (~140, most of them sets of strings) in one helper class, built whole the first time any pattern reads
    /// one of them: ~0.3 ms. The hook does it on its warm-up thread while the repository opens, not on the main thread
    /// at its first match (docs/performance.md). No rule's regex is built.
    /// </summary>
    internal static void BuildSharedTables() => _ = SharedTablesProbe().IsMatch("--------");

    // The generator searches for a run of this set with one of its helper class's tables (ASCII letters, digits, '-'
    // and '_'), so one match builds the class.
    [GeneratedRegex("[0-9A-Za-z_-]{8}", PatternOptions)]
    private static partial Regex SharedTablesProbe();
}
