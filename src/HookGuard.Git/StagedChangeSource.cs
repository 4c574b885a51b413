using System.Text;
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
            using var repository = new Repository(_location.GitDirectory, new RepositoryOptions
            {
                WorkingDirectoryPath = workingDirectory,
                IndexPath = indexPath,
            });
            return Read(repository);
        }
        catch (Exception exception) when (exception is LibGit2SharpException or DllNotFoundException)
        {
            var message = OneLine(exception.Message);
            // libgit2 cannot read git's split and sparse index formats; say how to switch them off.
            var hint = message.Contains("unsupported mandatory extension", StringComparison.Ordinal)
                ? "libgit2 cannot read a split or sparse index: run `git config core.splitIndex false && git update-index --no-split-index`, or `git sparse-checkout init --no-sparse-index`"
                : null;
            throw new HookGuardEnvironmentException($"cannot read the staged changes: {message}", exception, hint);
        }
    }

    private StagedChanges Read(Repository repository)
    {
        var fragments = new List<ScanFragment>();
        var statistics = new ScanStatistics();
        var compareOptions = new CompareOptions { Similarity = SimilarityOptions.Renames };

        // Head.Tip is null on an unborn branch; a null tree diffs against the empty tree.
        var headTree = repository.Head.Tip?.Tree;
        using var changes = repository.Diff.Compare<TreeChanges>(headTree, DiffTargets.Index, null, null, compareOptions);
        foreach (var change in changes)
        {
            // Deleted and conflicted entries add nothing (git refuses to commit an index with conflicts);
            // gitlinks (submodules) and symlinks have no text of ours to scan.
            if (change.Status is not (ChangeKind.Added or ChangeKind.Modified or ChangeKind.Renamed or ChangeKind.Copied or ChangeKind.TypeChanged)
                || !IsFile(change.Mode))
            {
                continue;
            }

            var oldIsFile = change.OldExists && IsFile(change.OldMode);
            // Mode-only changes and exact renames: same content, nothing added, nothing to read.
            if (oldIsFile && change.OldOid == change.Oid)
            {
                continue;
            }

            var newContent = ReadBlob(repository, change.Oid);
            switch (newContent.Status)
            {
                case BlobStatus.TooLarge:
                    statistics.LargeFilesSkipped++;
                    continue;
                case BlobStatus.Binary:
                    statistics.BinaryFilesSkipped++;
                    continue;
                case BlobStatus.Unreadable:
                    statistics.UnreadableFiles++;
                    continue;
            }

            // Without a readable text old side every new line counts as added: the scan may see more, never less.
            var oldText = oldIsFile && ReadBlob(repository, change.OldOid) is { Status: BlobStatus.Text } oldContent
                ? TextDecoding.Decode(oldContent.Bytes)
                : "";
            var runs = AddedLines.Find(oldText, TextDecoding.Decode(newContent.Bytes));
            if (runs.Count == 0)
            {
                continue;
            }

            statistics.Files++;
            var path = ToRepositoryPath(change.Path);
            foreach (var (startLine, text) in runs)
            {
                fragments.Add(new ScanFragment(path, startLine, text));
                statistics.Bytes += Encoding.UTF8.GetByteCount(text);
            }
        }

        return new StagedChanges(fragments, statistics);
    }

    private BlobContent ReadBlob(Repository repository, ObjectId id)
    {
        try
        {
            // The header alone tells the size, so an oversized blob is never inflated.
            var size = repository.ObjectDatabase.RetrieveObjectMetadata(id).Size;
            if (size > _options.MaxFileBytes)
            {
                return new BlobContent(BlobStatus.TooLarge, []);
            }

            if (repository.Lookup<Blob>(id) is not { } blob)
            {
                return new BlobContent(BlobStatus.Unreadable, []);
            }

            // Copy only what decides "binary" first; a binary blob is never copied further.
            var bytes = new byte[size];
            using var stream = blob.GetContentStream();
            var probe = (int)Math.Min(size, TextDecoding.BinaryProbeLength);
            stream.ReadExactly(bytes, 0, probe);
            if (TextDecoding.IsBinary(bytes.AsSpan(0, probe)))
            {
                return new BlobContent(BlobStatus.Binary, []);
            }

            stream.ReadExactly(bytes, probe, bytes.Length - probe);
            return new BlobContent(BlobStatus.Text, bytes);
        }
        catch (Exception exception) when (exception is LibGit2SharpException or IOException)
        {
            // One unreadable object does not stop the scan; the statistics make the caller fail closed.
            return new BlobContent(BlobStatus.Unreadable, []);
        }
    }

    private static bool IsFile(Mode mode) =>
        mode is Mode.NonExecutableFile or Mode.ExecutableFile or Mode.NonExecutableGroupWritableFile;

    private static string ToRepositoryPath(string path) =>
        Path.DirectorySeparatorChar == '/' ? path : path.Replace(Path.DirectorySeparatorChar, '/');

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();

    private enum BlobStatus
    {
        Text,
        Binary,
        TooLarge,
        Unreadable,
    }

    private readonly record struct BlobContent(BlobStatus Status, byte[] Bytes);
}
