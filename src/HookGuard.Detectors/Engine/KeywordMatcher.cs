using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HookGuard.Detectors.Engine;

/// <summary>
/// Finds where any of several hundred keywords occurs in a text, ignoring case. Each keyword carries a value (the rules it
/// wakes).
/// </summary>
/// <remarks>
/// Why not <c>SearchValues&lt;string&gt;</c>: past 80 values .NET leaves its vectorised Teddy search for Aho-Corasick
/// without a fast scan, which ran ~150 M characters/s over ~600 keywords here. This matcher keeps two 64 K-bit maps: of
/// the hashes of the first four characters of every keyword that long, and of the three characters of the shorter
/// ones (all keywords have at least three; the catalogue checks it). Most positions of a text are rejected by two loads
/// and bit tests; only the rest compare whole keywords. Four characters, not three, because ordinary code is full of
/// keywords' first three letters ("pri" of "private_key", "lin" of "linear") and each such position costs a lookup.
/// Case is folded with the invariant culture, one character at a time, the same way for keywords and text.
/// </remarks>
/// <typeparam name="TValue">What a keyword stands for.</typeparam>
internal sealed class KeywordMatcher<TValue>
{
    /// <summary>The shortest keyword the matcher can hold: the length of the hashed prefix.</summary>
    public const int MinimumKeywordLength = 3;

    private const int HashBits = 16;
    private const uint HashMask = (1u << HashBits) - 1;

    private readonly ulong[] _shortKeywordMap = new ulong[1 << (HashBits - 6)];
    private readonly ulong[] _prefixMap = new ulong[1 << (HashBits - 6)];
    private readonly Dictionary<uint, (string Keyword, TValue Value)[]> _byPrefixHash = [];

    /// <param name="keywords">Keywords of at least <see cref="MinimumKeywordLength"/> characters; a keyword given twice keeps its first value.</param>
    public KeywordMatcher(IEnumerable<(string Keyword, TValue Value)> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        var byHash = new Dictionary<uint, List<(string, TValue)>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyword, value) in keywords)
        {
            if (keyword.Length < MinimumKeywordLength)
            {
                throw new ArgumentException($"keyword '{keyword}' is shorter than {MinimumKeywordLength} characters", nameof(keywords));
            }

            var folded = string.Create(keyword.Length, keyword, static (chars, source) =>
            {
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = (char)Fold(source[i]);
                }
            });
            if (!seen.Add(folded))
            {
                continue;
            }

            var hash = Hash(folded[0], folded[1], folded[2]);
            if (folded.Length == MinimumKeywordLength)
            {
                Set(_shortKeywordMap, hash);
            }
            else
            {
                Set(_prefixMap, Hash(folded[0], folded[1], folded[2], folded[3]));
            }

            if (!byHash.TryGetValue(hash, out var list))
            {
                byHash[hash] = list = [];
            }

            list.Add((folded, value));
        }

        foreach (var (hash, list) in byHash)
        {
            _byPrefixHash[hash] = [.. list];
        }
    }

    /// <summary>
    /// The first position at or after <paramref name="from"/> where a keyword occurs, with every keyword that occurs
    /// there (several when one is a prefix of another); -1 when none does.
    /// </summary>
    public int IndexOfAny(ReadOnlySpan<char> text, int from, List<TValue> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        for (var at = IndexOfCandidate(text, from); at >= 0; at = IndexOfCandidate(text, at + 1))
        {
            var hash = Hash(Fold(text[at]), Fold(text[at + 1]), Fold(text[at + 2]));
            found.Clear();
            if (!_byPrefixHash.TryGetValue(hash, out var keywords))
            {
                // Only the four-character hash matched a keyword's, by collision.
                continue;
            }

            foreach (var (keyword, value) in keywords)
            {
                if (StartsWithFolded(text[at..], keyword))
                {
                    found.Add(value);
                }
            }

            if (found.Count > 0)
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>The first position at or after <paramref name="from"/> whose characters hash to a keyword's prefix.</summary>
    private int IndexOfCandidate(ReadOnlySpan<char> text, int from)
    {
        var last = text.Length - MinimumKeywordLength;
        if (from > last)
        {
            return -1;
        }

        // Bounds are checked once here; the loop reads through references because it runs on every character of
        // every scanned text, and a bounds check per read is a measurable part of it.
        ref var start = ref MemoryMarshal.GetReference(text);
        ref var shortMap = ref MemoryMarshal.GetArrayDataReference(_shortKeywordMap);
        ref var prefixMap = ref MemoryMarshal.GetArrayDataReference(_prefixMap);
        var first = Fold(Unsafe.Add(ref start, from));
        var second = Fold(Unsafe.Add(ref start, from + 1));
        var third = Fold(Unsafe.Add(ref start, from + 2));
        var at = from;
        for (; at < last; at++)
        {
            var fourth = Fold(Unsafe.Add(ref start, at + 3));
            if (IsSet(ref shortMap, Hash(first, second, third)) | IsSet(ref prefixMap, Hash(first, second, third, fourth)))
            {
                return at;
            }

            first = second;
            second = third;
            third = fourth;
        }

        // The last three characters can only start a three-character keyword.
        return IsSet(ref shortMap, Hash(first, second, third)) ? at : -1;
    }

    private static void Set(ulong[] map, uint hash) => map[hash >> 6] |= 1UL << (int)(hash & 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSet(ref ulong map, uint hash) => (Unsafe.Add(ref map, (int)(hash >> 6)) & (1UL << (int)(hash & 63))) != 0;

    private static bool StartsWithFolded(ReadOnlySpan<char> text, string foldedKeyword)
    {
        if (text.Length < foldedKeyword.Length)
        {
            return false;
        }

        for (var i = 0; i < foldedKeyword.Length; i++)
        {
            if (Fold(text[i]) != foldedKeyword[i])
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint first, uint second, uint third) => ((first << 10) ^ (second << 5) ^ third ^ (first >> 6)) & HashMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint first, uint second, uint third, uint fourth) =>
        ((first << 9) ^ (second << 6) ^ (third << 3) ^ fourth ^ (first >> 7) ^ (second >> 10)) & HashMask;

    /// <summary>The character in lower case: ASCII without a branch or a table (this runs per character), the rest by the invariant culture.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Fold(char c)
    {
        uint value = c;
        if (value >= 0x80)
        {
            return char.ToLowerInvariant(c);
        }

        return value | (value - 'A' <= 'Z' - 'A' ? 0x20u : 0u);
    }
}
