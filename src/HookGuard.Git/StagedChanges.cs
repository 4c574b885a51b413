using HookGuard.Detectors;

namespace HookGuard.Git;

/// <summary>The staged additions: one fragment per run of added lines, and what was read or skipped.</summary>
public sealed record StagedChanges(IReadOnlyList<ScanFragment> Fragments, ScanStatistics Statistics);
