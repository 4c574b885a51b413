namespace HookGuard.Git;

/// <summary>Limits shared by the git sources (<see cref="StagedChangeSource"/> and <see cref="CommitChangeSource"/>).</summary>
public sealed record StagedScanOptions
{
    /// <summary>Files (staged, or as a commit has them) larger than this are skipped (and counted) instead of read.</summary>
    public long MaxFileBytes { get; init; } = 5 * 1024 * 1024;
}
