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
}
