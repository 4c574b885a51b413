using System.Buffers.Binary;
using System.Numerics;

namespace HookGuard.Detectors.Engine;

/// <summary>SHA-256 (FIPS 180-4) in managed code: the hash behind a finding's fingerprint.</summary>
/// <remarks>
/// Why not <c>System.Security.Cryptography.SHA256</c>: on Linux and macOS it calls OpenSSL, and the first call loads and
/// initialises it. In the Native AOT hook that was ~1.2 ms of a blocked small commit's ~15 ms on the main thread (4 ms in
/// a process that has not loaded libssl yet), for a few hundred bytes per finding. Tests compare this class with the
/// platform's SHA-256 on every length around the block and padding boundaries and on the standard's examples.
/// </remarks>
internal static class Sha256Digest
{
    public const int HashSizeInBytes = 32;

    private const int BlockBytes = 64;

    // The first 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4, 4.2.2).
    private static ReadOnlySpan<uint> RoundConstants =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    // The first 32 bits of the fractional parts of the square roots of the first 8 primes (FIPS 180-4, 5.3.3).
    private static ReadOnlySpan<uint> InitialState =>
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    /// <summary>The SHA-256 digest of <paramref name="data"/>, written to the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException($"the destination holds fewer than {HashSizeInBytes} bytes", nameof(destination));
        }

        Span<uint> state = stackalloc uint[8];
        InitialState.CopyTo(state);
        Span<uint> schedule = stackalloc uint[64];

        var whole = data.Length - data.Length % BlockBytes;
        for (var offset = 0; offset < whole; offset += BlockBytes)
        {
            Compress(state, data.Slice(offset, BlockBytes), schedule);
        }

        // Padding: a 1 bit, zeros, and the message length in bits as a big-endian 64-bit number, filling one block or two.
        Span<byte> tail = stackalloc byte[2 * BlockBytes];
        tail.Clear();
        var rest = data[whole..];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length + 1 + sizeof(ulong) <= BlockBytes ? BlockBytes : 2 * BlockBytes;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - sizeof(ulong)), (ulong)data.Length * 8);
        for (var offset = 0; offset < tailLength; offset += BlockBytes)
        {
            Compress(state, tail.Slice(offset, BlockBytes), schedule);
        }

        for (var i = 0; i < state.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(i * sizeof(uint)), state[i]);
        }
    }

    /// <summary>The hash computation of FIPS 180-4, 6.2.2, for one block of 64 bytes.</summary>
    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block, Span<uint> schedule)
    {
        for (var t = 0; t < 16; t++)
        {
            schedule[t] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(t * sizeof(uint)));
        }

        for (var t = 16; t < 64; t++)
        {
            var w15 = schedule[t - 15];
            var w2 = schedule[t - 2];
            var sigma0 = BitOperations.RotateRight(w15, 7) ^ BitOperations.RotateRight(w15, 18) ^ (w15 >> 3);
            var sigma1 = BitOperations.RotateRight(w2, 17) ^ BitOperations.RotateRight(w2, 19) ^ (w2 >> 10);
            schedule[t] = sigma1 + schedule[t - 7] + sigma0 + schedule[t - 16];
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        var constants = RoundConstants;
        for (var t = 0; t < 64; t++)
        {
            var bigSigma1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var choose = (e & f) ^ (~e & g);
            var temp1 = h + bigSigma1 + choose + constants[t] + schedule[t];
            var bigSigma0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var majority = (a & b) ^ (a & c) ^ (b & c);
            var temp2 = bigSigma0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + temp1;
            d = c;
            c = b;
            b = a;
            a = temp1 + temp2;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
