namespace HookGuard.Detectors.Catalog;

/// <summary>Rule files that do not validate. Every error names the rule id (or file) first.</summary>
public sealed class RuleCatalogException(IReadOnlyList<string> errors)
    : Exception($"invalid rule catalogue: {errors.Count} error(s); first: {errors[0]}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
