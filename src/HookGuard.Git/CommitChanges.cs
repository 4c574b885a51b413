using HookGuard.Detectors;

namespace HookGuard.Git;

/// <summary>The lines some commits added: one fragment per run of added lines (its Commit set), the commits read, and what was read or skipped.</summary>
public sealed record CommitChanges(IReadOnlyList<ScanFragment> Fragments, IReadOnlyList<CommitInfo> Commits, ScanStatistics Statistics);
