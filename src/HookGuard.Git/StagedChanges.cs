using HookGuard.Detectors;

namespace HookGuard.Git;

/// <summary>The staged additions: one fragment per run of added lines, and what was read or skipped.</summary>
/// <param name="LargeFiles">Paths of the files skipped for being over the size limit, each once (they are counted in <paramref name="Statistics"/> too).</param>
public sealed record StagedChanges(IReadOnlyList<ScanFragment> Fragments, ScanStatistics Statistics, IReadOnlyList<string> LargeFiles)
{
    /// <summary>Threads the reading of the blobs was shared among (1: the calling thread only): for the tests of the parallel read.</summary>
    internal int ReadThreads { get; init; } = 1;
}
