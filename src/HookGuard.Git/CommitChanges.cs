using HookGuard.Detectors;

namespace HookGuard.Git;

/// <summary>The lines some commits added: one fragment per run of added lines (its Commit set), the commits read, and what was read or skipped.</summary>
/// <param name="LargeFiles">Paths of the files skipped for being over the size limit, each once (they are counted in <paramref name="Statistics"/> too).</param>
public sealed record CommitChanges(IReadOnlyList<ScanFragment> Fragments, IReadOnlyList<CommitInfo> Commits, ScanStatistics Statistics, IReadOnlyList<string> LargeFiles)
{
    /// <summary>Blobs read from the object database, for tests of what a history read saves.</summary>
    internal int BlobsRead { get; init; }
}
