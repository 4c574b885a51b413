using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Engine;

/// <summary>
/// One leaked secret. It deliberately does not hold the secret itself, only its redacted form and
/// its hash, so no report, log or exception can ever print it.
/// </summary>
public sealed record Finding(
    RuleDefinition Rule,
    string Path,
    int Line,
    int Column,
    string? Commit,
    string Redacted,
    string SecretHash)
{
    /// <summary><c>RULE-ID:PATH:HASH</c> (contract): no commit, no line, so it survives rebases and edits.</summary>
    public string Fingerprint => $"{Rule.Id}:{Path}:{SecretHash}";
}
