using System.Text;

namespace HookGuard.Detectors.Engine;

/// <summary>The only code that looks at a secret's characters after it is matched.</summary>
public static class SecretText
{
    /// <summary>At most the first 4 characters and the length (contract); fewer for short secrets.</summary>
    public static string Redact(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var shown = Math.Min(4, secret.Length / 5);
        return $"{secret[..shown]}**** ({secret.Length} chars)";
    }

    /// <summary>The full lowercase hex SHA-256 of <paramref name="secret"/>: how rule files name published examples (<c>allow</c>).</summary>
    public static string Sha256(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> digest = stackalloc byte[Sha256Digest.HashSizeInBytes];
        Sha256Digest.HashData(Encoding.UTF8.GetBytes(secret), digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>First 16 hex digits of the SHA-256 of the secret (the fingerprint's HASH).</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> digest = stackalloc byte[Sha256Digest.HashSizeInBytes];
        Sha256Digest.HashData(Encoding.UTF8.GetBytes(secret), digest);
        return Convert.ToHexStringLower(digest[..8]);
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var counts = new Dictionary<char, int>();
        foreach (var c in text)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        var entropy = 0.0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / text.Length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    // Words that mark a documentation placeholder rather than a credential. Real tokens are random,
    // so the chance that one contains a whole word here is negligible.
    private static readonly string[] PlaceholderMarkers =
        ["example", "placeholder", "changeme", "your_", "your-", "yourtoken", "xxxxxx", "redacted", "dummy", "${", "{{", "<", ">", "*"];

    public static bool LooksLikePlaceholder(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        foreach (var marker in PlaceholderMarkers)
        {
            if (secret.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
