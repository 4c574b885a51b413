using HookGuard.Detectors;
using HookGuard.Detectors.Sources;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// The lines a commit would add: the index compared with HEAD (the empty tree before the first commit),
/// text taken from the staged blobs, never from the working tree.
/// </summary>
public sealed class StagedChangeSource
{
    private readonly RepositoryLocation _location;
    private readonly string? _indexFile;
    private readonly StagedScanOptions _options;

    /// <param name="location">The repository, usually from <see cref="RepositoryLocator.Locate"/>.</param>
    /// <param name="indexFile">
    /// GIT_INDEX_FILE when git set it (<c>git commit PATH</c> and <c>git commit -a</c> run the hook with a temporary
    /// index); relative paths are taken from the work tree, where git runs hooks. Null reads the repository's index.
    /// </param>
    public StagedChangeSource(RepositoryLocation location, string? indexFile = null, StagedScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        _location = location;
        _indexFile = string.IsNullOrEmpty(indexFile) ? null : indexFile;
        _options = options ?? new StagedScanOptions();
    }

    /// <summary>
    /// Files to read from which a staged change is read on several threads (<see cref="ParallelReading"/>). Below it
    /// nothing more than the sequential read is paid: no thread started, no second repository opened. Tests lower it.
    /// </summary>
    internal int ParallelReadMinFiles { get; init; } = DefaultParallelReadMinFiles;

    /// <summary>Threads that read a large change, this one included; tests raise it to read with more threads than the machine has cores.</summary>
    internal int ReadThreads { get; init; } = Math.Min(Environment.ProcessorCount, MaxReadThreads);

    /// <summary>
    /// Enough files (each costs 0.1–0.3 ms to read and diff) to pay for a thread and a second repository, far above a
    /// small commit's ten. Not finely tuned: a change of 100 ten-line files measured no slower (docs/performance.md).
    /// </summary>
    internal const int DefaultParallelReadMinFiles = 100;

    /// <summary>Each thread opens a repository (its own pack index maps and caches), so a many-core machine opens a few, not dozens; only 2 cores were measured.</summary>
    private const int MaxReadThreads = 4;

    public StagedChanges Read()
    {
        if (_location.WorkingDirectory is not { } workingDirectory)
        {
            throw new HookGuardEnvironmentException("bare repository: nothing is staged", "run this in a repository with a work tree");
        }

        var indexPath = _indexFile is null ? null : Path.GetFullPath(_indexFile, workingDirectory);
        // An index file that does not exist would read as empty and silently pass everything: fail closed instead.
        if (indexPath is not null && !File.Exists(indexPath))
        {
            throw new HookGuardEnvironmentException($"index file not found: {indexPath}", "check GIT_INDEX_FILE");
        }

        try
        {
            using var repository = RepositoryAccess.Open(_location, indexPath);
            var parallel = new ParallelReading(OpenBlobReader, ParallelReadMinFiles, ReadThreads);
            return Read(repository, _options, parallel);
        }
        catch (Exception exception) when (exception is LibGit2SharpException or DllNotFoundException)
        {
            var message = RepositoryAccess.OneLine(exception.Message);
            // libgit2 cannot read git's split and sparse index formats; say how to switch them off.
            var hint = message.Contains("unsupported mandatory extension", StringComparison.Ordinal)
                ? "libgit2 cannot read a split or sparse index: run `git config core.splitIndex false && git update-index --no-split-index`, or `git sparse-checkout init --no-sparse-index`"
                : null;
            throw new HookGuardEnvironmentException($"cannot read the staged changes: {message}", exception, hint);
        }
    }

    /// <summary>
    /// Another repository on the same location, for a helper thread that only reads blobs (so without the index); null if
    /// it cannot be opened: the scan then reads on the threads it has, and reports what the sequential read would.
    /// </summary>
    private Repository? OpenBlobReader()
    {
        try
        {
            return RepositoryAccess.Open(_location);
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    private static StagedChanges Read(Repository repository, StagedScanOptions options, ParallelReading parallel)
    {
        var reader = new TreeChangeReader(repository, options) { ParallelReading = parallel };
        // Head.Tip is null on an unborn branch; a null tree diffs against the empty tree.
        var headTree = repository.Head.Tip?.Tree;
        var mergeParents = headTree is null ? [] : MergeHeadTrees(repository);
        if (headTree is null || mergeParents.Count == 0)
        {
            reader.Read(IndexAgainst(repository, headTree), commit: null, oldSideIsEmpty: headTree is null);
        }
        else
        {
            // Committing a merge: the index is the merge result, so, as for a merge commit on push, only lines new
            // against HEAD and every MERGE_HEAD are this commit's own (a conflict resolution); the merged branch's
            // lines were committed, and scanned or pushed, on that branch.
            reader.ReadMerge([IndexAgainst(repository, headTree), .. mergeParents.Select(tree => IndexAgainst(repository, tree))], commit: null);
        }

        return new StagedChanges(reader.Fragments, reader.Statistics, reader.LargeFiles) { ReadThreads = reader.ReadThreads };
    }

    private static Func<CompareOptions, TreeChanges> IndexAgainst(Repository repository, Tree? tree) =>
        compareOptions => repository.Diff.Compare<TreeChanges>(tree, DiffTargets.Index, null, null, compareOptions);

    /// <summary>
    /// The trees of the commits in MERGE_HEAD while a merge is being concluded. Read as a file (one id per line, in the
    /// repository's own git directory, so per worktree) rather than through libgit2's callback-based API.
    /// </summary>
    private static List<Tree> MergeHeadTrees(Repository repository)
    {
        var path = Path.Combine(repository.Info.Path, "MERGE_HEAD");
        if (!File.Exists(path))
        {
            return [];
        }

        var trees = new List<Tree>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (ObjectId.TryParse(line.Trim(), out var id) && repository.Lookup<Commit>(id) is { } commit)
            {
                trees.Add(commit.Tree);
            }
            else if (line.Trim().Length > 0)
            {
                throw new HookGuardEnvironmentException($"cannot read the merge in progress: {path} names an unknown commit");
            }
        }

        return trees;
    }
}
