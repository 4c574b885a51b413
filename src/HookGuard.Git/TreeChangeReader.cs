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
internal sealed class TreeChangeReader(Repository repository, StagedScanOptions options)
{
    /// <summary>Characters of text the cache of one call may hold; beyond it texts are read again when asked for again.</summary>
    private const long CacheBudget = 32 * 1024 * 1024;

    // What consecutive calls share: a commit's new files are the next commit's old ones. Texts used in this call and in
    // the one before are kept, so a series of commits editing the same files reads each version once (reading blobs
    // through LibGit2Sharp costs more than diffing them).
    private Dictionary<ObjectId, BlobText> _cache = [];
    private Dictionary<ObjectId, BlobText> _previousCache = [];
    private long _cachedCharacters;

    /// <summary>How every source compares trees: renames detected, so a moved file adds only the lines it changed.</summary>
    public static CompareOptions CompareOptions => new() { Similarity = SimilarityOptions.Renames };

    public List<ScanFragment> Fragments { get; } = [];

    public ScanStatistics Statistics { get; } = new();

    /// <summary>Each changed file's lines that its old side lacks: the index against HEAD, or a commit against its only parent.</summary>
    /// <param name="commit">The full commit id the lines were added in, or null for staged changes.</param>
    public void Read(TreeChanges changes, string? commit)
    {
        ArgumentNullException.ThrowIfNull(changes);
        StartCall();
        foreach (var change in changes)
        {
            if (!AddsText(change) || ReadNewText(change) is not { } newText)
            {
                continue;
            }

            var newLines = AddedLines.SplitLines(newText);
            Emit(change.Path, newText, newLines, AddedLines.Mark(OldText(change), newText, newLines), commit);
        }
    }

    /// <summary>
    /// A merge commit's lines that are new against every parent, as <c>git diff --cc</c> shows them with a '+' in every
    /// column: merging a branch adds nothing from that branch's own commits, while a conflict resolution or an "evil"
    /// line written in the merge itself is read.
    /// </summary>
    /// <param name="changesPerParent">Parent i's tree compared with the merge's tree, in parent order.</param>
    public void ReadMerge(IReadOnlyList<TreeChanges> changesPerParent, string commit)
    {
        ArgumentNullException.ThrowIfNull(changesPerParent);
        StartCall();
        // A path missing from a parent's changes is that parent's version exactly: same path, same content and mode.
        var otherParents = changesPerParent.Skip(1).Select(ByPath).ToList();
        foreach (var change in changesPerParent[0])
        {
            if (!AddsText(change))
            {
                continue;
            }

            var sides = new List<TreeEntryChanges>(changesPerParent.Count) { change };
            foreach (var other in otherParents)
            {
                // The new side is the same entry in every comparison, so "adds no text" here means "identical content".
                if (!other.TryGetValue(change.Path, out var otherChange) || !AddsText(otherChange))
                {
                    break;
                }

                sides.Add(otherChange);
            }

            if (sides.Count < changesPerParent.Count || ReadNewText(change) is not { } newText)
            {
                continue;
            }

            var newLines = AddedLines.SplitLines(newText);
            var added = AddedLines.Mark(OldText(sides[0]), newText, newLines);
            for (var i = 1; i < sides.Count && added.AsSpan().Contains(true); i++)
            {
                // Each parent's old side is the same path or, when that parent had it under another name, the rename source.
                var addedToThisParent = AddedLines.Mark(OldText(sides[i]), newText, newLines);
                for (var line = 0; line < added.Length; line++)
                {
                    added[line] &= addedToThisParent[line];
                }
            }

            Emit(change.Path, newText, newLines, added, commit);
        }
    }

    /// <summary>
    /// Whether an entry can add text: added, modified, renamed, copied or type-changed to a regular file, with content that
    /// differs from its old side. Deleted and conflicted entries add nothing (git refuses to commit an index with
    /// conflicts); gitlinks (submodules) and symlinks have no text of ours to scan; mode-only changes and exact renames
    /// keep the same content.
    /// </summary>
    private static bool AddsText(TreeEntryChanges change) =>
        change.Status is ChangeKind.Added or ChangeKind.Modified or ChangeKind.Renamed or ChangeKind.Copied or ChangeKind.TypeChanged
        && IsFile(change.Mode)
        && !(change.OldExists && IsFile(change.OldMode) && change.OldOid == change.Oid);

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

    /// <summary>The new side's text, or null (and counted) when it is too large, binary or unreadable.</summary>
    private string? ReadNewText(TreeEntryChanges change)
    {
        var content = ReadText(change.Oid);
        switch (content.Status)
        {
            case BlobStatus.TooLarge:
                Statistics.LargeFilesSkipped++;
                return null;
            case BlobStatus.Binary:
                Statistics.BinaryFilesSkipped++;
                return null;
            case BlobStatus.Unreadable:
                Statistics.UnreadableFiles++;
                return null;
            default:
                return content.Text;
        }
    }

    /// <summary>The old side's text; without a readable text old side every new line counts as added: the scan may see more, never less.</summary>
    private string OldText(TreeEntryChanges change) =>
        change.OldExists && IsFile(change.OldMode) && ReadText(change.OldOid) is { Status: BlobStatus.Text } oldContent
            ? oldContent.Text
            : "";

    private void Emit(string path, string newText, (int Start, int Length)[] newLines, bool[] added, string? commit)
    {
        var runs = AddedLines.Runs(newText, newLines, added);
        if (runs.Count == 0)
        {
            return;
        }

        Statistics.Files++;
        var repositoryPath = ToRepositoryPath(path);
        foreach (var (startLine, text) in runs)
        {
            Fragments.Add(new ScanFragment(repositoryPath, startLine, text, commit));
            Statistics.Bytes += Encoding.UTF8.GetByteCount(text);
        }
    }

    private void StartCall()
    {
        (_previousCache, _cache) = (_cache, _previousCache);
        _cache.Clear();
        _cachedCharacters = 0;
    }

    private BlobText ReadText(ObjectId id)
    {
        if (_cache.TryGetValue(id, out var text))
        {
            return text;
        }

        if (!_previousCache.TryGetValue(id, out text))
        {
            var content = ReadBlob(id);
            text = new BlobText(content.Status, content.Status == BlobStatus.Text ? TextDecoding.Decode(content.Bytes) : "");
        }

        // Kept for the next call too, whether just read or carried over from the call before.
        if (_cachedCharacters + text.Text.Length <= CacheBudget)
        {
            _cache[id] = text;
            _cachedCharacters += text.Text.Length;
        }

        return text;
    }

    private BlobContent ReadBlob(ObjectId id)
    {
        try
        {
            // The header alone tells the size, so an oversized blob is never inflated.
            var size = repository.ObjectDatabase.RetrieveObjectMetadata(id).Size;
            if (size > options.MaxFileBytes)
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

    private enum BlobStatus
    {
        Text,
        Binary,
        TooLarge,
        Unreadable,
    }

    private readonly record struct BlobContent(BlobStatus Status, byte[] Bytes);

    private readonly record struct BlobText(BlobStatus Status, string Text);
}
