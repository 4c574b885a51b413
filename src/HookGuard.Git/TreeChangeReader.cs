using System.Text;
using HookGuard.Detectors;
using HookGuard.Detectors.Sources;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// Turns LibGit2Sharp tree changes into the fragments a scan reads, for every git source alike: which entries can add
/// text (the skip rules), their blobs read with the size and binary checks, and the added lines found by our own line
/// diff (<see cref="AddedLines"/>), with what was read or skipped counted in <see cref="Statistics"/>.
/// </summary>
/// <param name="history">A history read: copies are read whole (see <see cref="CompareOptions"/>).</param>
/// <param name="skipCovered">Skip file versions whose every line was read under the same path before (see <c>_covered</c>).</param>
internal sealed class TreeChangeReader(Repository repository, StagedScanOptions options, bool history = false, bool skipCovered = false)
{
    /// <summary>Characters of text the cache may hold; beyond it the least recently used texts are read again when asked for again.</summary>
    /// <remarks>
    /// 2 M characters (4 MB of text). The cache is most of what a history scan holds while it reads: at 8 M characters
    /// the 5,000-commit benchmark history peaked at 113 MB RSS, at 2 M at 83 MB, in the same time (a commit's old side
    /// is usually its parent's new side, read moments before). Above the budget the least recently used texts are
    /// simply read again.
    /// </remarks>
    private const long CacheBudget = 2 * 1024 * 1024;

    /// <summary>What a cached text costs beyond its characters, so that many binary blobs (no text) cannot grow the cache without bound.</summary>
    private const long CacheEntryCost = 64;

    // What consecutive commits share: a commit's new files are its child's old ones. Texts stay cached while they are
    // recently used, so a series of commits editing the same files reads each version once (reading blobs through
    // LibGit2Sharp costs more than diffing them), also when a history walk moves between branches.
    private readonly LruCache<ObjectId, BlobText> _texts = new(CacheBudget, text => text.Text.Length + CacheEntryCost);

    // A history read (skipCovered) skips a file version whose every line was already read under the same path.
    //
    // (path, blob) is "covered" when every line of the blob has been given to the engine as a line of that path. A
    // change at a path adds the lines of its new blob that its old side lacks; those are read now, and every other line
    // is a line of the old side. So once the change is read, the new blob is covered at that path if its old side was:
    // at the same path and covered, or without text (none, a symlink, binary, too large: then every line counted as
    // added). A root commit, a new file and an edit of a covered file therefore cover their new blobs; a rename (or a
    // merge side taken from a rename source) does not, because the lines it did not add were read under the other path.
    // A blob that is not text (binary, too large, unreadable) has no lines to read: it is covered as soon as it is met.
    // A merge covers its version when every parent's side is covered, by the same argument.
    //
    // Why skipping a covered (path, blob) loses nothing: whatever a read of it could find is a secret on one of its
    // lines, reported under that path; every line was already read under that path earlier in the walk, so each such
    // finding has already been made, with the same fingerprint (RULE-ID:PATH:HASH) and an earlier commit — and a history
    // scan keeps only the first finding per fingerprint. (Every rule's match lies on the secret's own line, so a line's
    // findings do not depend on the lines read with it.) Reverts, re-applied changes, cherry-picks and merges that
    // repeat a version therefore read nothing again. The key is the path with the blob, not the blob alone: the same
    // blob under another path (a copied file) has findings with other fingerprints, which a scan of that commit reports.
    private readonly CoveredVersions? _covered = skipCovered ? new() : null;

    private readonly HashSet<string> _largeFileSet = new(StringComparer.Ordinal);

    // A history read reports a copied file under its new path as a new occurrence (its findings have other
    // fingerprints), so it reads copies whole; every other read treats a copy as adding only the lines it changed.
    private readonly bool _detectCopies = !history;

    /// <summary>
    /// How a source compares trees for this reader: renames detected, so a moved file adds only the lines it changed; and,
    /// except in a history read, copies whose source is modified in the same change (git's <c>-C</c>), read as renames are.
    /// </summary>
    /// <remarks>
    /// Copies of files the change leaves untouched are not looked for by similarity (git's <c>--find-copies-harder</c>),
    /// which would measure every file of the tree; only exact copies of them are found, by blob id (see <see cref="ExactCopies"/>).
    /// </remarks>
    private CompareOptions CompareOptions => new() { Similarity = _detectCopies ? SimilarityOptions.Copies : SimilarityOptions.Renames };

    /// <summary>The fragments read, unless <see cref="FragmentSink"/> takes them.</summary>
    public List<ScanFragment> Fragments { get; } = [];

    /// <summary>Takes each fragment as it is read, instead of <see cref="Fragments"/>: a history is scanned as it streams by, never held whole.</summary>
    public Action<ScanFragment>? FragmentSink { get; init; }

    public ScanStatistics Statistics { get; } = new();

    /// <summary>Paths of the files skipped for being larger than <see cref="StagedScanOptions.MaxFileBytes"/>, each once, in the order met.</summary>
    public List<string> LargeFiles { get; } = [];

    /// <summary>Blobs read from the object database (not from the cache): what a history read saves shows here.</summary>
    public int BlobsRead { get; private set; }

    /// <summary>How a large change is read on several threads; null reads on the calling thread only. Not for a history read (<c>skipCovered</c>).</summary>
    public ParallelReading? ParallelReading { get; init; }

    /// <summary>Threads the last change read on several threads was shared among (the caller included); 1 if none was.</summary>
    public int ReadThreads { get; private set; } = 1;

    /// <summary>Each changed file's lines that its old side lacks: the index against HEAD, or a commit against its only parent.</summary>
    /// <param name="compare">Compares the old side with the new with the options given: the reader chooses them.</param>
    /// <param name="commit">The full commit id the lines were added in, or null for staged changes.</param>
    /// <param name="oldSideIsEmpty">
    /// The old side is the empty tree (a first commit, a root commit): nothing can be a copy, so the comparison that
    /// looks for exact copies is not made.
    /// </param>
    public void Read(Func<CompareOptions, TreeChanges> compare, string? commit, bool oldSideIsEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(compare);
        using var changes = compare(CompareOptions);
        var copies = new ExactCopies(compare, _detectCopies && !oldSideIsEmpty ? this : null);
        var toRead = new List<ChangeToRead>();
        foreach (var change in changes)
        {
            if (AddsText(change) && !IsExactCopy(change, copies) && !IsCovered(change.Path, change.Oid) && !IsExcluded(change))
            {
                toRead.Add(ToRead(change, [change]));
            }
        }

        ReadAll(toRead, commit);
    }

    /// <summary>
    /// A merge commit's lines that are new against every parent, as <c>git diff --cc</c> shows them with a '+' in every
    /// column: merging a branch adds nothing from that branch's own commits, while a conflict resolution or an "evil"
    /// line written in the merge itself is read.
    /// </summary>
    /// <param name="comparePerParent">
    /// Compares parent i's tree with the merge's tree (or, for a merge being committed, the index), in parent order, with
    /// the options given.
    /// </param>
    public void ReadMerge(IReadOnlyList<Func<CompareOptions, TreeChanges>> comparePerParent, string? commit)
    {
        ArgumentNullException.ThrowIfNull(comparePerParent);
        var changesPerParent = new List<TreeChanges>(comparePerParent.Count);
        var copies = new List<ExactCopies>(comparePerParent.Count);
        try
        {
            foreach (var compare in comparePerParent)
            {
                changesPerParent.Add(compare(CompareOptions));
                copies.Add(new ExactCopies(compare, _detectCopies ? this : null));
            }

            ReadMerge(changesPerParent, copies, commit);
        }
        finally
        {
            changesPerParent.ForEach(changes => changes.Dispose());
        }
    }

    private void ReadMerge(List<TreeChanges> changesPerParent, List<ExactCopies> copies, string? commit)
    {
        // A path missing from a parent's changes is that parent's version exactly: same path, same content and mode.
        var otherParents = changesPerParent.Skip(1).Select(ByPath).ToList();
        var toRead = new List<ChangeToRead>();
        foreach (var change in changesPerParent[0])
        {
            if (!AddsText(change) || IsExactCopy(change, copies[0]) || IsCovered(change.Path, change.Oid) || IsExcluded(change))
            {
                continue;
            }

            var sides = new List<TreeEntryChanges>(changesPerParent.Count) { change };
            for (var i = 0; i < otherParents.Count; i++)
            {
                // The new side is the same entry in every comparison, so "adds no text" here means "identical content";
                // an exact copy of a file of that parent adds no text to it either.
                if (!otherParents[i].TryGetValue(change.Path, out var otherChange) || !AddsText(otherChange) || IsExactCopy(otherChange, copies[i + 1]))
                {
                    break;
                }

                sides.Add(otherChange);
            }

            if (sides.Count == changesPerParent.Count)
            {
                toRead.Add(ToRead(change, sides));
            }
        }

        ReadAll(toRead, commit);
    }

    /// <summary>
    /// Reads the changes chosen, in order: on several threads when <see cref="ParallelReading"/> says the change is large
    /// enough, else on this one. Either way the fragments, statistics and large files come out the same, in the same order.
    /// </summary>
    private void ReadAll(List<ChangeToRead> toRead, string? commit)
    {
        if (ParallelReading is { } parallel && parallel.Threads > 1 && toRead.Count >= parallel.MinFiles && _covered is null)
        {
            // Read without the cache: it is not thread-safe, and a staged change meets each blob once anyway.
            var reads = OrderedParallel.Map(
                toRead, repository, parallel.OpenRepository, parallel.Threads - 1,
                (workerRepository, change) => ReadChange(change, id => ReadText(workerRepository, id, options.MaxFileBytes)));
            ReadThreads = parallel.Threads;
            for (var i = 0; i < toRead.Count; i++)
            {
                Apply(toRead[i], reads[i], commit);
            }

            return;
        }

        foreach (var change in toRead)
        {
            Apply(change, ReadChange(change, ReadText), commit);
        }
    }

    /// <summary>A change to read, with the blob of each side's old text decided here, on the thread that owns the options.</summary>
    private ChangeToRead ToRead(TreeEntryChanges change, List<TreeEntryChanges> sides) =>
        new(change, sides, sides.ConvertAll(side => HasOldText(side) ? side.OldOid : null));

    /// <summary>
    /// What one change adds: its new side read and, if it is text, the runs of its lines that no side's old text has.
    /// Touches no state of the reader but the cache that <paramref name="readText"/> may use, so helpers can run it.
    /// </summary>
    private static ChangeRead ReadChange(ChangeToRead change, Func<ObjectId, BlobText> readText)
    {
        var newSide = readText(change.Change.Oid);
        if (newSide.Status != BlobStatus.Text)
        {
            return new ChangeRead(newSide.Status, []);
        }

        var newText = newSide.Text;
        var newLines = AddedLines.SplitLines(newText);
        var added = AddedLines.Mark(OldText(change.OldBlobs[0], readText), newText, newLines);
        for (var i = 1; i < change.OldBlobs.Count && added.AsSpan().Contains(true); i++)
        {
            // Each parent's old side is the same path or, when that parent had it under another name, the rename source.
            var addedToThisParent = AddedLines.Mark(OldText(change.OldBlobs[i], readText), newText, newLines);
            for (var line = 0; line < added.Length; line++)
            {
                added[line] &= addedToThisParent[line];
            }
        }

        return new ChangeRead(BlobStatus.Text, AddedLines.Runs(newText, newLines, added));
    }

    /// <summary>What a change read adds to the results: counted if its new side is no text, else its fragments.</summary>
    private void Apply(ChangeToRead change, ChangeRead read, string? commit)
    {
        // Nothing in it will ever be read, so a history read meets it once (and counts it once) per path.
        CoverIf(read.NewSide != BlobStatus.Text, change.Change);
        switch (read.NewSide)
        {
            case BlobStatus.TooLarge:
                Statistics.LargeFilesSkipped++;
                var path = ToRepositoryPath(change.Change.Path);
                if (_largeFileSet.Add(path))
                {
                    LargeFiles.Add(path);
                }

                return;
            case BlobStatus.Binary:
                Statistics.BinaryFilesSkipped++;
                return;
            case BlobStatus.Unreadable:
                Statistics.UnreadableFiles++;
                return;
        }

        Emit(change.Change.Path, read.Runs, commit);
        if (_covered is not null)
        {
            CoverIf(change.Sides.TrueForAll(OldSideCovered), change.Change);
        }
    }

    /// <summary>
    /// Whether an entry can add text: added, modified, renamed, copied or type-changed to a regular file, with content that
    /// differs from its old side. Deleted and conflicted entries add nothing (git refuses to commit an index with
    /// conflicts); gitlinks (submodules) and symlinks have no text of ours to scan; mode-only changes and exact renames
    /// keep the same content.
    /// </summary>
    private bool AddsText(TreeEntryChanges change) =>
        change.Status is ChangeKind.Added or ChangeKind.Modified or ChangeKind.Renamed or ChangeKind.Copied or ChangeKind.TypeChanged
        && IsFile(change.Mode)
        && !(change.OldExists && IsFile(change.OldMode) && change.OldOid == change.Oid && !IsCopyOfUncheckedFile(change));

    /// <summary>
    /// A copy, or a rename, of a file whose findings the user may allow (<see cref="StagedScanOptions.AllowsFindingsIn"/>):
    /// read as a new file. Moving a fixture out of an excluded folder, or a file with an ignored finding to another path
    /// (ignores name the path), brings lines that were never checked, or were accepted there only, to a checked path.
    /// </summary>
    private bool IsCopyOfUncheckedFile(TreeEntryChanges change) =>
        change.Status is ChangeKind.Copied or ChangeKind.Renamed
        && change.OldPath != change.Path
        && options.AllowsFindingsIn?.Invoke(ToRepositoryPath(change.OldPath)) == true;

    /// <summary>
    /// Whether an added file is an exact copy of a file in the old tree: then it adds no line the old tree lacks. Edited
    /// copies of files the change modifies come as <see cref="ChangeKind.Copied"/> from the comparison itself.
    /// </summary>
    private static bool IsExactCopy(TreeEntryChanges change, ExactCopies copies) =>
        change.Status == ChangeKind.Added && copies.Contains(change.Path);

    private static Dictionary<string, TreeEntryChanges> ByPath(TreeChanges changes)
    {
        var byPath = new Dictionary<string, TreeEntryChanges>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.Status != ChangeKind.Deleted)
            {
                byPath.TryAdd(change.Path, change);
            }
        }

        return byPath;
    }

    /// <summary>Whether the config's exclude globs leave this file out (counted; in a history read, once per version).</summary>
    private bool IsExcluded(TreeEntryChanges change)
    {
        if (options.ExcludePath is not { } exclude || !exclude(ToRepositoryPath(change.Path)))
        {
            return false;
        }

        Statistics.ExcludedFiles++;
        CoverIf(true, change);
        return true;
    }

    /// <summary>Whether a side's old blob is read as text; without it every new line counts as added: the scan may see more, never less.</summary>
    private bool HasOldText(TreeEntryChanges side) =>
        side.OldExists && IsFile(side.OldMode) && !IsCopyOfUncheckedFile(side);

    /// <summary>The old side's text, or "" when it has none that is readable text (then every new line counts as added).</summary>
    private static string OldText(ObjectId? oldBlob, Func<ObjectId, BlobText> readText) =>
        oldBlob is not null && readText(oldBlob) is { Status: BlobStatus.Text } oldContent ? oldContent.Text : "";

    private void Emit(string path, List<(int StartLine, string Text)> runs, string? commit)
    {
        if (runs.Count == 0)
        {
            return;
        }

        Statistics.Files++;
        var repositoryPath = ToRepositoryPath(path);
        foreach (var (startLine, text) in runs)
        {
            var fragment = new ScanFragment(repositoryPath, startLine, text, commit);
            if (FragmentSink is { } sink)
            {
                sink(fragment);
            }
            else
            {
                Fragments.Add(fragment);
            }

            Statistics.Bytes += Encoding.UTF8.GetByteCount(text);
        }
    }

    /// <summary>In a history read, whether every line of this file version was already read under this path (see <see cref="_covered"/>).</summary>
    private bool IsCovered(string path, ObjectId blob) => _covered is not null && _covered.Contains(path, blob);

    /// <summary>
    /// Whether every line of a change's old side has been read under the change's path before, or it has no text:
    /// then, with its added lines just read, every line of the new side has been.
    /// </summary>
    private bool OldSideCovered(TreeEntryChanges side) =>
        OldText(HasOldText(side) ? side.OldOid : null, ReadText).Length == 0 || (side.OldPath == side.Path && IsCovered(side.Path, side.OldOid));

    private void CoverIf(bool covered, TreeEntryChanges change)
    {
        if (covered)
        {
            _covered?.Add(change.Path, change.Oid);
        }
    }

    private BlobText ReadText(ObjectId id)
    {
        if (!_texts.TryGet(id, out var text))
        {
            text = ReadText(repository, id, options.MaxFileBytes);
            BlobsRead++;
            _texts.Add(id, text);
        }

        return text;
    }

    /// <summary>A blob read and decoded, through the repository given: the reader's own, or a helper thread's.</summary>
    private static BlobText ReadText(Repository repository, ObjectId id, long maxFileBytes)
    {
        var content = ReadBlob(repository, id, maxFileBytes);
        return new BlobText(content.Status, content.Status == BlobStatus.Text ? TextDecoding.Decode(content.Bytes) : "");
    }

    private static BlobContent ReadBlob(Repository repository, ObjectId id, long maxFileBytes)
    {
        try
        {
            // The header alone tells the size, so an oversized blob is never inflated.
            var size = repository.ObjectDatabase.RetrieveObjectMetadata(id).Size;
            if (size > maxFileBytes)
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

    /// <summary>
    /// The added files of a comparison that are exact copies of a file of its old side, found by a second comparison
    /// made only when the first has an added file to ask about, so a change that adds none costs nothing more.
    /// </summary>
    /// <remarks>
    /// libgit2's exact copy detection (<see cref="RenameDetectionMode.Exact"/>: every unchanged file a copy source,
    /// matched by blob id, no blob read) over the same two sides. Cheaper than walking the old tree's ids through
    /// LibGit2Sharp, which builds an object per tree entry: with 10,000 files that walk made `scan staged` of one added
    /// file about 240 ms slower. The limit on sources tried per added file is lifted: with LibGit2Sharp's default (200)
    /// a copy of a file later in the tree would go unseen.
    /// </remarks>
    /// <param name="reader">The reader that asks, or null when it reads copies whole (a history read) or the old side is empty.</param>
    private sealed class ExactCopies(Func<CompareOptions, TreeChanges> compare, TreeChangeReader? reader)
    {
        private static readonly CompareOptions Options = new()
        {
            Similarity = new SimilarityOptions { RenameDetectionMode = RenameDetectionMode.Exact, RenameLimit = int.MaxValue },
        };

        private HashSet<string>? _paths;

        public bool Contains(string path) => (_paths ??= Find()).Contains(path);

        private HashSet<string> Find()
        {
            var paths = new HashSet<string>(StringComparer.Ordinal);
            if (reader is null)
            {
                return paths;
            }

            using var exact = compare(Options);
            foreach (var copy in exact.Copied)
            {
                if (IsFile(copy.Mode) && IsFile(copy.OldMode) && copy.OldOid == copy.Oid && !reader.IsCopyOfUncheckedFile(copy))
                {
                    paths.Add(copy.Path);
                }
            }

            return paths;
        }
    }

    private enum BlobStatus
    {
        Text,
        Binary,
        TooLarge,
        Unreadable,
    }

    private readonly record struct BlobContent(BlobStatus Status, byte[] Bytes);

    private readonly record struct BlobText(BlobStatus Status, string Text);

    /// <summary>A change chosen for reading: its new side, the side against each parent, and each side's old blob if it is read as text.</summary>
    private sealed record ChangeToRead(TreeEntryChanges Change, List<TreeEntryChanges> Sides, List<ObjectId?> OldBlobs);

    /// <summary>What reading a change found: its new side's kind and, for text, each run of added lines (1-based first line, text).</summary>
    private readonly record struct ChangeRead(BlobStatus NewSide, List<(int StartLine, string Text)> Runs);
}
