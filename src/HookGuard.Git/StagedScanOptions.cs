namespace HookGuard.Git;

public sealed record StagedScanOptions
{
    /// <summary>Staged files larger than this are skipped (and counted) instead of read.</summary>
    public long MaxFileBytes { get; init; } = 5 * 1024 * 1024;
}
