using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace HookGuard.Detectors.Catalog;

/// <summary>
/// An offline check run after a regex match, for vendors whose tokens carry structure a regex
/// cannot see (a base64 prefix, a JWT, a checksum). Named in rule files as <c>name</c> or <c>name:argument</c>.
/// </summary>
public sealed class SecretValidator
{
    /// <summary>Random characters in a GitHub-style token (GitHub ghp_/gho_/ghu_/ghs_/ghr_, npm npm_).</summary>
    internal const int ChecksummedRandomLength = 30;

    /// <summary>Characters of the base62 CRC32 that ends a GitHub-style token.</summary>
    internal const int ChecksumLength = 6;

    // Digits, then upper case, then lower case: the order GitHub's and npm's checksums are written in.
    private const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // System.IO.Hashing is not in the shared framework, and a package for 30 characters of CRC is
    // not worth a dependency; this is the standard reflected IEEE (zip) polynomial table.
    private static readonly uint[] Crc32Table = BuildCrc32Table();

    private static readonly SearchValues<char> Base62Characters = SearchValues.Create(Base62Alphabet);

    private readonly Func<string, string, bool> _check;

    private SecretValidator(string name, string argument, Func<string, string, bool> check)
    {
        Name = name;
        Argument = argument;
        _check = check;
    }

    public string Name { get; }

    public string Argument { get; }

    /// <summary>The validators rule files may name, with whether they take an argument.</summary>
    internal static IReadOnlyDictionary<string, (bool TakesArgument, Func<string, string, bool> Check)> Known { get; } =
        new Dictionary<string, (bool, Func<string, string, bool>)>(StringComparer.Ordinal)
        {
            ["base64-prefix"] = (true, Base64DecodesToPrefix),
            ["jwt"] = (false, (secret, _) => IsJwtWithJsonParts(secret)),
            ["crc32-base62"] = (true, HasCrc32Base62Checksum),
            ["base64-credential"] = (false, (secret, _) => IsBase64Credential(secret)),
        };

    public bool IsValid(string secret) => _check(secret, Argument);

    public override string ToString() => Argument.Length == 0 ? Name : $"{Name}:{Argument}";

    /// <summary>Parses <c>name[:argument]</c>; returns an error message (without the rule id) or null.</summary>
    internal static string? TryParse(string text, out SecretValidator? validator)
    {
        validator = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? text : text[..colon];
        var argument = colon < 0 ? "" : text[(colon + 1)..];
        if (!Known.TryGetValue(name, out var known))
        {
            return $"unknown validator '{name}' (known: {string.Join(", ", Known.Keys)})";
        }

        if (known.TakesArgument && argument.Length == 0)
        {
            return $"validator '{name}' needs an argument, as '{name}:VALUE'";
        }

        if (!known.TakesArgument && argument.Length > 0)
        {
            return $"validator '{name}' takes no argument";
        }

        validator = new SecretValidator(name, argument, known.Check);
        return null;
    }

    private static bool Base64DecodesToPrefix(string secret, string prefix)
    {
        var decoded = TryDecodeBase64(secret, urlSafe: false);
        return decoded is not null && decoded.AsSpan().StartsWith(Encoding.ASCII.GetBytes(prefix));
    }

    // A JWT is header.payload.signature; header and payload must be base64url JSON objects, and
    // the header must name an algorithm. Random dotted base64 does not pass.
    private static bool IsJwtWithJsonParts(string secret)
    {
        var parts = secret.Split('.');
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            return false;
        }

        var header = TryDecodeBase64(parts[0], urlSafe: true);
        var payload = TryDecodeBase64(parts[1], urlSafe: true);
        if (header is null || payload is null)
        {
            return false;
        }

        try
        {
            using var headerJson = JsonDocument.Parse(header);
            using var payloadJson = JsonDocument.Parse(payload);
            return headerJson.RootElement.ValueKind == JsonValueKind.Object
                && headerJson.RootElement.TryGetProperty("alg", out _)
                && payloadJson.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // A GitHub-style token is PREFIX + 30 random base62 characters + the CRC32 of those 30 characters
    // (prefix excluded) in base62, left-padded with '0' to 6. The checksum separates a real token
    // from a typo, a hand-redacted value or a made-up example without asking the vendor.
    private static bool HasCrc32Base62Checksum(string secret, string prefix)
    {
        if (secret.Length != prefix.Length + ChecksummedRandomLength + ChecksumLength
            || !secret.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = secret.AsSpan(prefix.Length);
        if (body.ContainsAnyExcept(Base62Characters))
        {
            return false;
        }

        return body[ChecksummedRandomLength..].SequenceEqual(Crc32Base62(body[..ChecksummedRandomLength]));
    }

    /// <summary>The CRC32 (IEEE) of <paramref name="text"/>'s ASCII bytes, as 6 base62 digits, most significant first.</summary>
    internal static string Crc32Base62(ReadOnlySpan<char> text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
        {
            // Callers pass base62 text, so each char is one ASCII byte.
            crc = Crc32Table[(crc ^ c) & 0xFF] ^ (crc >> 8);
        }

        var value = ~crc;
        // 62^6 exceeds 2^32, so six digits always hold the value; leading zeros are the padding.
        return string.Create(ChecksumLength, value, static (digits, remaining) =>
        {
            for (var i = digits.Length - 1; i >= 0; i--)
            {
                digits[i] = Base62Alphabet[(int)(remaining % 62)];
                remaining /= 62;
            }
        });
    }

    private static uint[] BuildCrc32Table()
    {
        var table = new uint[256];
        for (var n = 0u; n < table.Length; n++)
        {
            var c = n;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    // Registry credentials (Docker config.json "auth", .npmrc _auth) are base64 of "user:password".
    // Requiring that shape keeps a random base64 value in an "auth" field from being reported.
    private static bool IsBase64Credential(string secret)
    {
        var decoded = TryDecodeBase64(secret, urlSafe: false);
        if (decoded is null)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(decoded);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < text.Length - 1 && !text.Any(char.IsControl);
    }

    internal static byte[]? TryDecodeBase64(string text, bool urlSafe)
    {
        if (urlSafe)
        {
            return Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text) : null;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
