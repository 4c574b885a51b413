using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace HookGuard.Detectors.Engine;

/// <summary>
/// Finds where any of several hundred keywords occurs in a text, ignoring case. Each keyword carries a value (the rules it
/// wakes).
/// </summary>
/// <remarks>
/// Why not <c>SearchValues&lt;string&gt;</c>: past 80 values .NET leaves its vectorised Teddy search for Aho-Corasick
/// without a fast scan, which ran ~150 M characters/s over ~600 keywords here. This matcher hashes every window of four
/// characters (read as one 64-bit number) into two maps of 64 K byte entries: one marked by the first four characters of
/// every keyword that long, one by the three characters of the shorter ones (all keywords have at least three; the
/// catalogue checks it). Most positions of a text are rejected by one multiply and a load per map; only the rest compare
/// whole keywords. Four characters, not three, because ordinary code is full of keywords' first three letters ("pri" of
/// "private_key", "lin" of "linear") and each such position costs a lookup. Byte entries rather than bits: a byte
/// needs no shift and mask in the loop, and the entries ordinary text touches stay in the first-level cache.
/// Case is folded with the invariant culture, the same way for keywords and text; ASCII, nearly every character of
/// code, folds with one OR per window of four.
/// </remarks>
/// <typeparam name="TValue">What a keyword stands for.</typeparam>
internal sealed class KeywordMatcher<TValue>
{
    /// <summary>The shortest keyword the matcher can hold: the length of the hashed prefix.</summary>
    public const int MinimumKeywordLength = 3;

    /// <summary>Bits of a window's hash that choose its entry in a map: 64 K entries of a byte each.</summary>
    private const int EntryBits = 16;

    /// <summary>
    /// Each map entry is a byte of eight check bits, chosen by the three bits of the hash below the entry's: the fast
    /// loop asks only whether the entry is marked, while a position it stops at must also have its own check bit set.
    /// That drops seven in eight hash collisions (one recurring collision, with "ty >" of "Quantity > ", made a candidate
    /// on every line of the benchmark's code) before any keyword is compared.
    /// </summary>
    private const int CheckBits = 3;

    // Fibonacci hashing: the top bits of the product depend on every character of the window.
    private const ulong HashMultiplier = 0x9E3779B97F4A7C15;

    /// <summary>In a window of four characters read as one number: the bits set only by characters outside ASCII.</summary>
    private const ulong NonAsciiBits = 0xFF80_FF80_FF80_FF80;

    /// <summary>Bit 5 of every character of a window: lower case for ASCII letters.</summary>
    private const ulong AsciiFoldBits = 0x0020_0020_0020_0020;

    private readonly byte[] _shortKeywordMap = new byte[1 << EntryBits];
    private readonly byte[] _prefixMap = new byte[1 << EntryBits];
    // Keywords by their first three folded characters (packed as by Pack), for the full compare at a candidate.
    private readonly Dictionary<ulong, (string Keyword, TValue Value)[]> _byPrefix = [];

    /// <param name="keywords">Keywords of at least <see cref="MinimumKeywordLength"/> characters; a keyword given twice keeps its first value.</param>
    public KeywordMatcher(IEnumerable<(string Keyword, TValue Value)> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        var byPrefix = new Dictionary<ulong, List<(string, TValue)>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyword, value) in keywords)
        {
            if (keyword.Length < MinimumKeywordLength)
            {
                throw new ArgumentException($"keyword '{keyword}' is shorter than {MinimumKeywordLength} characters", nameof(keywords));
            }

            // The catalogue's keywords are lower case already; only others are copied.
            var folded = keyword.All(c => Fold(c) == c) ? keyword : string.Create(keyword.Length, keyword, static (chars, source) =>
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

            var prefix = Pack(folded.AsSpan(0, MinimumKeywordLength));
            if (folded.Length == MinimumKeywordLength)
            {
                Set(_shortKeywordMap, HashOfThree(prefix | AsciiFoldBits));
            }
            else
            {
                Set(_prefixMap, HashOfFour(Pack(folded.AsSpan(0, 4)) | AsciiFoldBits));
            }

            if (!byPrefix.TryGetValue(prefix, out var list))
            {
                byPrefix[prefix] = list = [];
            }

            list.Add((folded, value));
        }

        foreach (var (prefix, list) in byPrefix)
        {
            _byPrefix[prefix] = [.. list];
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
            found.Clear();
            if (!_byPrefix.TryGetValue(FoldOneByOne(ref MemoryMarshal.GetReference(text), at, MinimumKeywordLength), out var keywords))
            {
                // The characters only hashed like a keyword's.
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

        // Bounds are checked once here; the loops read through references because they run on every character of
        // every scanned text, and a bounds check per read is a measurable part of them.
        ref var start = ref MemoryMarshal.GetReference(text);
        ref var shortMap = ref MemoryMarshal.GetArrayDataReference(_shortKeywordMap);
        ref var prefixMap = ref MemoryMarshal.GetArrayDataReference(_prefixMap);
        var at = from;
        while (at < last)
        {
            // Four positions a round and one branch, while nothing hashes like a keyword and the text is ASCII. A window
            // of four characters is read as one number; ASCII folds by setting bit 5 of every character (a letter's two
            // cases meet; the few other characters it merges, such as '@' and '`', only add candidates). The four
            // windows span seven characters: the first and the last hold them all for the ASCII test.
            for (; at + 4 <= last; at += 4)
            {
                ref var bytes = ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, at));
                var first = Unsafe.ReadUnaligned<ulong>(ref bytes);
                var fourth = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, 6));
                if (((first | fourth) & NonAsciiBits) != 0)
                {
                    break;
                }

                var second = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, 2)) | AsciiFoldBits;
                var third = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, 4)) | AsciiFoldBits;
                first |= AsciiFoldBits;
                fourth |= AsciiFoldBits;
                var hash1 = HashOfFour(first);
                var hash2 = HashOfFour(second);
                var hash3 = HashOfFour(third);
                var hash4 = HashOfFour(fourth);
                if ((ShortKeywordEntry(ref shortMap, hash1) | Entry(ref prefixMap, hash1)
                    | ShortKeywordEntry(ref shortMap, hash2) | Entry(ref prefixMap, hash2)
                    | ShortKeywordEntry(ref shortMap, hash3) | Entry(ref prefixMap, hash3)
                    | ShortKeywordEntry(ref shortMap, hash4) | Entry(ref prefixMap, hash4)) != 0)
                {
                    break;
                }
            }

            // The round that stopped, one position at a time, with the check bit that rules out most collisions.
            for (var end = Math.Min(at + 4, last); at < end; at++)
            {
                var window = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, at)));
                if ((window & NonAsciiBits) != 0)
                {
                    window = FoldOneByOne(ref start, at, 4);
                }

                var hash = HashOfFour(window | AsciiFoldBits);
                if (Holds(ref shortMap, ThreeOfFour(hash)) || Holds(ref prefixMap, hash))
                {
                    return at;
                }
            }
        }

        // The last three characters can only start a three-character keyword.
        return Holds(ref shortMap, HashOfThree(FoldOneByOne(ref start, at, 3) | AsciiFoldBits)) ? at : -1;
    }

    /// <summary>Marks <paramref name="hash"/> in <paramref name="map"/>: its entry, and in it the check bit the hash chooses.</summary>
    private static void Set(byte[] map, ulong hash) => map[hash >> (64 - EntryBits)] |= (byte)(1 << CheckBit(hash));

    /// <summary>The entry of <paramref name="map"/> that <paramref name="hash"/> falls in: not zero when some hash there was marked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Entry(ref byte map, ulong hash) => Unsafe.Add(ref map, (nint)(hash >> (64 - EntryBits)));

    /// <summary>
    /// <see cref="Entry"/> of the three-character map for a window's <see cref="HashOfFour"/>: the 16 bits under the top 16
    /// (<see cref="ThreeOfFour"/>'s top bits), taken with one bit-field extract where the CPU has one (BMI1), instead of
    /// two shifts; the loop is bound by its ALU operations, and this made the matcher ~11% faster.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ShortKeywordEntry(ref byte shortMap, ulong hashOfFour) => Unsafe.Add(
        ref shortMap,
        (nint)(Bmi1.X64.IsSupported ? Bmi1.X64.BitFieldExtract(hashOfFour, 64 - 2 * EntryBits, EntryBits) : (hashOfFour >> (64 - 2 * EntryBits)) & ((1 << EntryBits) - 1)));

    /// <summary>Whether <paramref name="hash"/> was marked in <paramref name="map"/>, check bit included.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Holds(ref byte map, ulong hash) => ((Entry(ref map, hash) >> CheckBit(hash)) & 1) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CheckBit(ulong hash) => (int)(hash >> (64 - EntryBits - CheckBits)) & ((1 << CheckBits) - 1);

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

    /// <summary>The hash of the first three characters of a window of four, folded (the fourth is shifted out); its top bits are the ones used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashOfThree(ulong foldedWindow) => (foldedWindow << 16) * HashMultiplier;

    /// <summary>The hash of a window of four characters, folded; its top bits are the ones used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashOfFour(ulong foldedWindow) => foldedWindow * HashMultiplier;

    /// <summary>
    /// <see cref="HashOfThree"/> of a window, from its <see cref="HashOfFour"/>: (w·2^16)·M = (w·M)·2^16 modulo 2^64, so one
    /// multiply per position serves both maps (the loop is bound by multiplies: ~8% faster than two).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ThreeOfFour(ulong hashOfFour) => hashOfFour << 16;

    /// <summary>Characters packed as a read of memory would give them: the first in the lowest 16 bits.</summary>
    private static ulong Pack(ReadOnlySpan<char> chars)
    {
        ulong packed = 0;
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            packed = (packed << 16) | chars[i];
        }

        return packed;
    }

    /// <summary>
    /// <paramref name="count"/> characters from <paramref name="at"/>, each folded by <see cref="Fold"/>, packed as by
    /// <see cref="Pack"/>: the slow way, for windows holding a character outside ASCII (a few of which fold into it).
    /// </summary>
    private static ulong FoldOneByOne(ref char start, int at, int count)
    {
        ulong packed = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            packed = (packed << 16) | Fold(Unsafe.Add(ref start, at + i));
        }

        return packed;
    }

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
