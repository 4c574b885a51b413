namespace HookGuard.Detectors.Catalog;

/// <summary>What a developer must be told about a leaked token of one rule.</summary>
public sealed record Remediation(
    string EnvVar,
    string Summary,
    string WhatItIs,
    IReadOnlyList<string> UsedFor,
    IReadOnlyList<string> HowCreated,
    IReadOnlyList<string> Risks,
    string RevokeUrl,
    string? DocsUrl,
    IReadOnlyList<string> Rotate,
    IReadOnlyList<string> CheckMisuse,
    IReadOnlyList<string> Dependents,
    IReadOnlyList<string> BestPractices);
