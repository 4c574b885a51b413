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

    /// <summary>The secret's length in characters (shown by <see cref="Redacted"/> too): lets a message be redacted in place.</summary>
    public int SecretLength { get; init; }

    /// <summary>Why the finding does not block, or null when it does.</summary>
    public Allowance? AllowedBy { get; init; }
}

/// <summary>The ways a user can say a finding is not a leak. Allowed findings are counted and reported, never blocking.</summary>
public enum Allowance
{
    /// <summary>A <c>hookguard:allow</c> comment on the line of the secret.</summary>
    InlineComment,

    /// <summary>The secret matches an allow regex or holds a stopword from the config.</summary>
    AllowList,

    /// <summary>The fingerprint is listed in <c>.hookguardignore</c>.</summary>
    IgnoreFile,

    /// <summary>The fingerprint is in the baseline: it was there before HookGuard was adopted.</summary>
    Baseline,
}
