using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>How the git sources open a repository and report LibGit2Sharp's errors.</summary>
internal static class RepositoryAccess
{
    static RepositoryAccess()
    {
        // libgit2 re-hashes every object it reads to check it against its id; git itself does not (only fsck and
        // transfers check). A scan reads every blob it scans, so the check was a fifth of a large commit's CPU time.
        GlobalSettings.SetStrictHashVerification(false);
        LibGit2Options.TryCacheBlobs(CachedBlobBytes);
        LibGit2Options.TryLimitCache(CacheBytes);
    }

    /// <summary>
    /// Blobs up to this size stay in libgit2's object cache, so the three lookups LibGit2Sharp makes to read one blob
    /// inflate it once (<see cref="LibGit2Options"/>). History reads turn the cache off.
    /// </summary>
    internal const nuint CachedBlobBytes = 1 << 20;

    /// <summary>
    /// The bound of libgit2's object caches, all repositories together: 64 MB rather than its 256 MB, now that blobs are
    /// cached too. A blob is only looked up again right after it is read, and a push's commit walk needs its commits and
    /// trees, a few MB.
    /// </summary>
    internal const nint CacheBytes = 64 << 20;

    /// <summary>
    /// For a whole-history read: libgit2 keeps every commit and tree it reads in a process-wide cache (up to 256 MB),
    /// which made a history scan's memory grow with the history (24 MB more at 5,000 commits). The hooks keep it: a
    /// push's commit walk reads the same commits again and ran twice as long without it (docs/performance.md).
    /// </summary>
    /// <summary>Runs the static constructor, which loads libgit2.</summary>
    public static void EnsureLoaded()
    {
    }

    public static void StopCachingObjects() => GlobalSettings.SetEnableCaching(false);

    /// <summary>
    /// For a whole-history read: pack files mapped in windows of <see cref="PackWindowBytes"/>, at most
    /// <see cref="PackMappedBytes"/> at once, instead of the whole pack staying resident (<see cref="LibGit2Options"/>).
    /// </summary>
    public static void LimitPackMapping() => LibGit2Options.TryLimitPackMapping(PackWindowBytes, PackMappedBytes);

    internal const nuint PackWindowBytes = 4 << 20;
    internal const nuint PackMappedBytes = 32 << 20;

    /// <param name="indexPath">An index file to read instead of the repository's own (GIT_INDEX_FILE), or null.</param>
    public static Repository Open(RepositoryLocation location, string? indexPath = null) =>
        new(location.GitDirectory, new RepositoryOptions
        {
            WorkingDirectoryPath = location.WorkingDirectory,
            IndexPath = indexPath,
        });

    /// <summary>libgit2's message on one line, for an exception message that the CLI prints as one line.</summary>
    public static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
