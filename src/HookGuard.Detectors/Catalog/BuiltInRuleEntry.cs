namespace HookGuard.Detectors.Catalog;

/// <summary>
/// One built-in rule as the build indexes it (BuiltInRuleIndex, generated from Rules/*.json by
/// HookGuard.Detectors.Generator): the fields a scan needs, so start-up reads no JSON.
/// </summary>
internal sealed record BuiltInRuleEntry(
    string Id,
    string Title,
    string Provider,
    string SourceFile,
    string Matches,
    IReadOnlyList<string> Keywords,
    string Pattern,
    double? MinEntropy,
    string? Validator,
    IReadOnlyList<string> AllowedHashes,
    bool SpansLines,
    IReadOnlyList<string> Supersedes,
    bool Fallback,
    int? LineReach);
