using System.Buffers.Binary;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// The file versions, (path, blob), a history read has covered (see <c>TreeChangeReader</c>), held compactly: a history
/// scan keeps every one of them to the end, so they grow with the history.
/// </summary>
/// <remarks>
/// Each path is kept once, as a number, and each blob id as its 20 bytes. Kept as LibGit2Sharp gives them, a pair was a
/// fresh path string and an <see cref="ObjectId"/> (its bytes and its hex string): ~300 bytes, most of what a
/// 20,000-commit scan still grew by.
/// </remarks>
internal sealed class CoveredVersions
{
    private readonly Dictionary<string, int> _pathNumbers = new(StringComparer.Ordinal);
    private readonly HashSet<(int Path, BlobKey Blob)> _versions = [];

    public bool Contains(string path, ObjectId blob) =>
        _pathNumbers.TryGetValue(path, out var number) && _versions.Contains((number, BlobKey.Of(blob)));

    public void Add(string path, ObjectId blob)
    {
        if (!_pathNumbers.TryGetValue(path, out var number))
        {
            _pathNumbers.Add(path, number = _pathNumbers.Count);
        }

        _versions.Add((number, BlobKey.Of(blob)));
    }

    /// <summary>A SHA-1 object id as three numbers.</summary>
    private readonly record struct BlobKey(ulong First, ulong Second, uint Third)
    {
        public static BlobKey Of(ObjectId id)
        {
            var raw = id.RawId.AsSpan();
            // LibGit2Sharp's ids are SHA-1; were they longer, equal keys could stand for different blobs.
            if (raw.Length != 20)
            {
                throw new InvalidOperationException($"unexpected object id length {raw.Length}");
            }

            return new BlobKey(BinaryPrimitives.ReadUInt64LittleEndian(raw), BinaryPrimitives.ReadUInt64LittleEndian(raw[8..]), BinaryPrimitives.ReadUInt32LittleEndian(raw[16..]));
        }
    }
}
