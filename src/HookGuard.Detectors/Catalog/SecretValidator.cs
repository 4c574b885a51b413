using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using HookGuard.Detectors.Engine;

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
            ["private-key"] = (false, (secret, _) => ClassifyPrivateKey(secret) == PrivateKeyKind.Plain),
            ["encrypted-private-key"] = (false, (secret, _) => ClassifyPrivateKey(secret) == PrivateKeyKind.Encrypted),
            ["base64-private-key"] = (false, (secret, _) => IsBase64PrivateKey(secret)),
            ["jwt-usable"] = (false, (secret, _) => IsUsableJwt(secret, DateTimeOffset.UtcNow)),
            ["url-credential"] = (false, (secret, _) => IsUrlCredential(secret)),
            ["connection-string"] = (false, (secret, _) => IsConnectionStringCredential(secret)),
            ["generic-secret"] = (false, (secret, _) => IsGenericSecret(secret)),
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
    private static bool IsJwtWithJsonParts(string secret) =>
        secret.Split('.') is [_, _, { Length: > 0 }] && WithJwtJson(secret, (header, _) => header.TryGetProperty("alg", out _));

    /// <summary>
    /// Decodes a JWT's header and payload and applies <paramref name="check"/> to them; false when either part is not
    /// base64url of a JSON object.
    /// </summary>
    private static bool WithJwtJson(string secret, Func<JsonElement, JsonElement, bool> check)
    {
        var parts = secret.Split('.');
        var header = parts.Length == 3 ? TryDecodeBase64(parts[0], urlSafe: true) : null;
        var payload = parts.Length == 3 ? TryDecodeBase64(parts[1], urlSafe: true) : null;
        if (header is null || payload is null)
        {
            return false;
        }

        try
        {
            using var headerJson = JsonDocument.Parse(header);
            using var payloadJson = JsonDocument.Parse(payload);
            return headerJson.RootElement.ValueKind == JsonValueKind.Object
                && payloadJson.RootElement.ValueKind == JsonValueKind.Object
                && check(headerJson.RootElement, payloadJson.RootElement);
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

    /// <summary>What a private-key text (PEM, OpenSSH, PGP or PuTTY; header plus the start of the body) turned out to be.</summary>
    internal enum PrivateKeyKind
    {
        /// <summary>Not a private key: a header without real key material, a public key, or a body that is not the structure its header names.</summary>
        None,

        /// <summary>Usable as it is, or with protection a regex cannot see (a PGP block's passphrase is deep inside the packet).</summary>
        Plain,

        /// <summary>Protected by a passphrase: PKCS#8 EncryptedPrivateKeyInfo, a legacy Proc-Type: 4,ENCRYPTED block, an OpenSSH key with a cipher, or a PuTTY key with Encryption other than none.</summary>
        Encrypted,
    }

    private const string PemBegin = "-----BEGIN ";
    private const string PemDashes = "-----";
    private const string PuttyHeader = "PuTTY-User-Key-File-";

    // The fixed opening of every OpenSSH key, "openssh-key-v1" and a NUL (PROTOCOL.key).
    private static readonly byte[] OpenSshMagic = "openssh-key-v1\0"u8.ToArray();

    // An OpenSSH key's first ~50 bytes (magic, cipher, KDF, key count) are the same for every key of a type; the
    // public key follows. Fewer decoded bytes than this is only that shared opening, as documentation shows it.
    private const int OpenSshMinimumBytes = 90;

    // Decoded bytes of 40 base64 characters, the least body a PEM rule matches.
    private const int MinimumDerBytes = 30;

    /// <summary>
    /// Classifies text that starts with a private-key header and holds at least the first line of the body.
    /// Lines may be separated by real line breaks (with indentation), by the two characters <c>\n</c> of an
    /// escaped one-line form, or by spaces. The body must decode to the structure the header names (a DER
    /// SEQUENCE with the right version for PEM, the OpenSSH magic, a PGP secret-key packet, a PuTTY public
    /// blob naming the header's algorithm), so a header followed by prose or "..." never passes.
    /// </summary>
    internal static PrivateKeyKind ClassifyPrivateKey(string text)
    {
        if (text.StartsWith(PuttyHeader, StringComparison.Ordinal))
        {
            return ClassifyPuttyKey(text);
        }

        if (!text.StartsWith(PemBegin, StringComparison.Ordinal))
        {
            return PrivateKeyKind.None;
        }

        var close = text.IndexOf(PemDashes, PemBegin.Length, StringComparison.Ordinal);
        if (close < 0)
        {
            return PrivateKeyKind.None;
        }

        var label = text[PemBegin.Length..close];
        var body = text[(close + PemDashes.Length)..];
        return label switch
        {
            // RFC 8017 RSAPrivateKey and OpenSSL's DSA key: version 0, then an INTEGER.
            "RSA PRIVATE KEY" or "DSA PRIVATE KEY" => ClassifyTraditionalKey(body, version: 0, next: 0x02),
            // RFC 5915 ECPrivateKey: version 1, then the key as an OCTET STRING.
            "EC PRIVATE KEY" => ClassifyTraditionalKey(body, version: 1, next: 0x04),
            // RFC 5208/5958 PrivateKeyInfo: version 0 or 1, then the AlgorithmIdentifier SEQUENCE.
            "PRIVATE KEY" => StartsWithVersionThen(DecodeArmoredBase64(body), [0, 1], 0x30) ? PrivateKeyKind.Plain : PrivateKeyKind.None,
            "ENCRYPTED PRIVATE KEY" => IsEncryptedPrivateKeyInfo(DecodeArmoredBase64(body)) ? PrivateKeyKind.Encrypted : PrivateKeyKind.None,
            "OPENSSH PRIVATE KEY" => ClassifyOpenSshKey(DecodeArmoredBase64(body)),
            "PGP PRIVATE KEY BLOCK" => IsPgpSecretKey(body) ? PrivateKeyKind.Plain : PrivateKeyKind.None,
            _ => PrivateKeyKind.None,
        };
    }

    // A base64 value that decodes to a whole unencrypted PEM or OpenSSH private key (kubeconfig client-key-data, a Secret's tls.key).
    private static bool IsBase64PrivateKey(string secret)
    {
        var decoded = TryDecodeBase64(secret, urlSafe: false);
        if (decoded is null)
        {
            return false;
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(decoded);
            return ClassifyPrivateKey(text.TrimStart()) == PrivateKeyKind.Plain;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static PrivateKeyKind ClassifyTraditionalKey(string body, byte version, byte next)
    {
        // RFC 1421 encapsulation: an encrypted traditional key has Proc-Type and DEK-Info headers before the body.
        var lines = ArmorLines(body);
        var first = lines.FirstOrDefault(line => line.Length > 0);
        if (first is not null && first.StartsWith("Proc-Type:", StringComparison.Ordinal))
        {
            return first.Contains("ENCRYPTED", StringComparison.Ordinal) && lines.Any(line => line.StartsWith("DEK-Info:", StringComparison.Ordinal))
                ? PrivateKeyKind.Encrypted
                : PrivateKeyKind.None;
        }

        return StartsWithVersionThen(DecodeArmoredBase64(body), [version], next) ? PrivateKeyKind.Plain : PrivateKeyKind.None;
    }

    /// <summary>Whether <paramref name="der"/> opens a SEQUENCE whose first element is INTEGER one of <paramref name="versions"/>, followed by tag <paramref name="next"/>.</summary>
    private static bool StartsWithVersionThen(byte[]? der, byte[] versions, byte next)
    {
        var content = DerSequenceContentStart(der);
        return content > 0
            && der!.Length >= content + 4
            && der[content] == 0x02
            && der[content + 1] == 0x01
            && versions.Contains(der[content + 2])
            && der[content + 3] == next;
    }

    // RFC 5208 EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier SEQUENCE { OID, ... }, OCTET STRING }.
    private static bool IsEncryptedPrivateKeyInfo(byte[]? der)
    {
        var content = DerSequenceContentStart(der);
        if (content <= 0 || der!.Length < content + 4 || der[content] != 0x30)
        {
            return false;
        }

        var inner = der[content + 1] switch
        {
            < 0x80 => content + 2,
            0x81 => content + 3,
            0x82 => content + 4,
            _ => -1,
        };
        return inner > 0 && der.Length > inner && der[inner] == 0x06;
    }

    /// <summary>Offset of the first content byte of a DER SEQUENCE of plausible key size, or -1.</summary>
    private static int DerSequenceContentStart(byte[]? der)
    {
        // At least one full 40-character line of base64: a truncated opening ("MIIEpAIBAAKCAQEA...") is documentation.
        if (der is null || der.Length < MinimumDerBytes || der[0] != 0x30)
        {
            return -1;
        }

        // Minimal DER length encodings only: short form, or 0x81/0x82 with no leading zero byte.
        var (length, header) = der[1] switch
        {
            < 0x80 => (der[1], 2),
            0x81 when der[2] >= 0x80 => (der[2], 3),
            0x82 when der[2] != 0 => ((der[2] << 8) | der[3], 4),
            _ => (0, -1),
        };

        // The smallest keys (Ed25519 PKCS#8) are 46 bytes; RSA 16384-bit keys stay under 10 KB.
        return header > 0 && length is >= 32 and <= 16384 ? header : -1;
    }

    private static PrivateKeyKind ClassifyOpenSshKey(byte[]? decoded)
    {
        if (decoded is null || decoded.Length < OpenSshMinimumBytes || !decoded.AsSpan().StartsWith(OpenSshMagic))
        {
            return PrivateKeyKind.None;
        }

        // string ciphername: uint32 length, then the name; "none" means no passphrase.
        var length = BinaryPrimitives.ReadUInt32BigEndian(decoded.AsSpan(OpenSshMagic.Length, 4));
        if (length is 0 or > 64 || OpenSshMagic.Length + 4 + length > decoded.Length)
        {
            return PrivateKeyKind.None;
        }

        var cipher = Encoding.ASCII.GetString(decoded, OpenSshMagic.Length + 4, (int)length);
        return cipher == "none" ? PrivateKeyKind.Plain : PrivateKeyKind.Encrypted;
    }

    // RFC 4880 armor: optional "Key: value" header lines, a blank line, then base64 packets. The first packet of an
    // exported secret key is a Secret-Key packet, tag 5: old format 0b10_0101_xx, new format 0xC5.
    private static bool IsPgpSecretKey(string body)
    {
        var data = string.Concat(ArmorLines(body)
            .SkipWhile(line => line.Length == 0 || line.Contains(": ", StringComparison.Ordinal))
            .TakeWhile(line => line.Length > 0 && line[0] != '=' && line[0] != '-'));
        var decoded = DecodeArmoredBase64(data);
        return decoded is { Length: >= 30 } && ((decoded[0] & 0xFC) == 0x94 || decoded[0] == 0xC5);
    }

    // PuTTY .ppk (versions 2 and 3): algorithm line, Encryption, Comment, Public-Lines, then the public blob,
    // which is an SSH string naming the same algorithm as the first line.
    private static PrivateKeyKind ClassifyPuttyKey(string text)
    {
        var lines = ArmorLines(text);
        if (lines.Count < 5)
        {
            return PrivateKeyKind.None;
        }

        var algorithmAt = lines[0].IndexOf(": ", StringComparison.Ordinal);
        const string encryptionPrefix = "Encryption: ";
        if (algorithmAt < 0
            || !lines[1].StartsWith(encryptionPrefix, StringComparison.Ordinal)
            || !lines[2].StartsWith("Comment:", StringComparison.Ordinal)
            || !lines[3].StartsWith("Public-Lines: ", StringComparison.Ordinal))
        {
            return PrivateKeyKind.None;
        }

        var algorithm = lines[0][(algorithmAt + 2)..];
        var blob = DecodeArmoredBase64(lines[4]);
        if (algorithm.Length == 0
            || blob is null
            || blob.Length < 4 + algorithm.Length
            || BinaryPrimitives.ReadUInt32BigEndian(blob) != algorithm.Length
            || Encoding.ASCII.GetString(blob, 4, algorithm.Length) != algorithm)
        {
            return PrivateKeyKind.None;
        }

        return lines[1][encryptionPrefix.Length..] == "none" ? PrivateKeyKind.Plain : PrivateKeyKind.Encrypted;
    }

    /// <summary>Lines of an armored text whose line breaks may be real or escaped (<c>\n</c>, <c>\r\n</c>), trimmed.</summary>
    private static List<string> ArmorLines(string text) =>
        text.Replace("\\r\\n", "\n", StringComparison.Ordinal)
            .Replace("\\n", "\n", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal)
            .Split('\n')
            .Select(line => line.Trim())
            .ToList();

    /// <summary>
    /// Decodes the base64 at the start of <paramref name="text"/>, skipping whitespace and escaped line breaks,
    /// up to the first other character; a trailing partial quantum is dropped (a match holds only the body's start).
    /// </summary>
    private static byte[]? DecodeArmoredBase64(string text)
    {
        var base64 = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            if (c == '\\' && i + 1 < text.Length && text[i + 1] is 'n' or 'r')
            {
                i++;
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '/')
            {
                break;
            }

            base64.Append(c);
        }

        base64.Length -= base64.Length % 4;
        return base64.Length == 0 ? null : TryDecodeBase64(base64.ToString(), urlSafe: false);
    }

    /// <summary>
    /// A signed, unexpired JWT: three parts, header and payload base64url JSON objects, an algorithm other than
    /// none, a signature of at least 16 characters, and no <c>exp</c> claim in the past (an expired token is
    /// refused by any correct verifier, so it is not reported).
    /// </summary>
    internal static bool IsUsableJwt(string secret, DateTimeOffset now)
    {
        var parts = secret.Split('.');
        // The signature's characters are the pattern's business; a length of 4n+1 is never base64url.
        if (parts.Length != 3 || parts[2].Length < 16 || parts[2].Length % 4 == 1)
        {
            return false;
        }

        return WithJwtJson(secret, (header, payload) =>
            header.TryGetProperty("alg", out var alg)
            && alg.ValueKind == JsonValueKind.String
            && alg.GetString() is { Length: > 0 } algorithm
            && !algorithm.Equals("none", StringComparison.OrdinalIgnoreCase)
            && !(payload.TryGetProperty("exp", out var exp)
                 && exp.ValueKind == JsonValueKind.Number
                 && exp.TryGetDouble(out var expiry)
                 && expiry < now.ToUnixTimeSeconds()));
    }

    // Exact passwords (lower case) that documentation, samples and local set-ups use. Six characters or more:
    // shorter ones are refused by length anyway.
    private static readonly HashSet<string> PlaceholderPasswords = new(StringComparer.Ordinal)
    {
        "passw0rd", "p@ssw0rd", "p@ssword", "pa55word", "pa55w0rd", "pa$$word", "pa$$w0rd", "letmein", "changeit",
        "test123", "test1234", "testing", "testpass", "testtest", "admin123", "admin1234", "root123", "toor123",
        "qwerty", "qwerty123", "123456", "1234567", "12345678", "123456789", "1234567890", "abc123", "abcdef",
        "abc12345", "foobar", "foobarbaz", "postgres", "mysql", "mariadb", "mongodb", "rabbitmq", "hunter2",
        "default", "s3cr3t", "s3cret", "mypass", "mypass123", "pass123", "pass1234", "devpass", "localdev",
        "development", "guest123", "user123", "pwd123", "foobared",
    };

    // Substrings that mark a password as a stand-in rather than a credential.
    private static readonly string[] PlaceholderPasswordMarkers =
        ["password", "passwd", "secret", "your", "sample", "dummy", "placeholder", "changeme", "change_me", "redacted", "example", "fake", "xxx", "..."];

    // Host names that documentation uses in place of a real one.
    private static readonly HashSet<string> PlaceholderHosts = new(StringComparer.Ordinal)
    {
        "host", "hostname", "myhost", "yourhost", "server", "servername", "myserver", "yourserver", "domain",
        "domain.com", "mydomain.com", "yourdomain.com", "host.com", "server.com", "dbhost", "db-host", "db_host",
        "database-host", "ip", "ipaddress", "address",
    };

    /// <summary>
    /// <c>scheme://user:password@host[:port]</c> whose password is not a stand-in (see <see cref="IsPlausiblePassword"/>)
    /// and whose host is not this machine or a documentation host.
    /// </summary>
    private static bool IsUrlCredential(string secret)
    {
        var scheme = secret.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return false;
        }

        var rest = secret[(scheme + 3)..];
        var at = rest.LastIndexOf('@');
        var colon = at < 0 ? -1 : rest.IndexOf(':', 0, at);
        return colon >= 0
            && IsPlausiblePassword(Unescape(rest[..colon]), Unescape(rest[(colon + 1)..at]))
            && !IsLocalOrPlaceholderHost(rest[(at + 1)..]);
    }

    /// <summary>
    /// A key=value connection string (ADO.NET, ODBC: <c>Server=…;User ID=…;Password=…</c>), a JDBC URL with a
    /// password parameter (<c>jdbc:…?user=…&amp;password=…</c>, <c>…;password=…</c>) or an Oracle thin URL
    /// (<c>jdbc:oracle:thin:user/password@host</c>), with a real-looking password and a remote host.
    /// </summary>
    private static bool IsConnectionStringCredential(string secret)
    {
        string user = "", password, host;
        const string oracleThin = "jdbc:oracle:thin:";
        var hostStart = secret.IndexOf("://", StringComparison.Ordinal);
        if (secret.StartsWith(oracleThin, StringComparison.OrdinalIgnoreCase) && hostStart < 0)
        {
            var credentials = secret[oracleThin.Length..];
            var at = credentials.LastIndexOf('@');
            var slash = at < 0 ? -1 : credentials.IndexOf('/', 0, at);
            if (slash < 0)
            {
                return false;
            }

            (user, password, host) = (credentials[..slash], credentials[(slash + 1)..at], credentials[(at + 1)..].TrimStart('/'));
        }
        else if (hostStart >= 0)
        {
            host = secret[(hostStart + 3)..];
            string? found = null;
            foreach (var parameter in host.Split('?', '&', ';'))
            {
                var equals = parameter.IndexOf('=');
                var key = equals < 0 ? "" : parameter[..equals].Trim().ToLowerInvariant();
                if (key == "password")
                {
                    found = Unescape(parameter[(equals + 1)..]);
                }
                else if (key is "user" or "username")
                {
                    user = Unescape(parameter[(equals + 1)..]);
                }
            }

            if (found is null)
            {
                return false;
            }

            password = found;
        }
        else
        {
            string? foundPassword = null, foundHost = null;
            foreach (var (key, value) in ConnectionStringPairs(secret))
            {
                switch (key)
                {
                    case "password" or "pwd":
                        foundPassword = value;
                        break;
                    case "server" or "data source" or "datasource" or "host" or "hostname" or "address" or "addr" or "network address":
                        foundHost = value;
                        break;
                    case "user id" or "userid" or "uid" or "user" or "username" or "user name":
                        user = value;
                        break;
                }
            }

            if (foundPassword is null || foundHost is null)
            {
                return false;
            }

            (password, host) = (foundPassword, foundHost);
        }

        return IsPlausiblePassword(user, password) && !IsLocalOrPlaceholderHost(host);
    }

    /// <summary>Key/value pairs of a <c>;</c>-separated connection string; values may be quoted or in ODBC braces.</summary>
    private static IEnumerable<(string Key, string Value)> ConnectionStringPairs(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                yield break;
            }

            var key = text[i..equals].Trim().ToLowerInvariant();
            var start = equals + 1;
            while (start < text.Length && text[start] is ' ' or '\t')
            {
                start++;
            }

            string value;
            if (start < text.Length && text[start] is '{' or '\'' or '"')
            {
                var closing = text[start] == '{' ? '}' : text[start];
                var end = text.IndexOf(closing, start + 1);
                end = end < 0 ? text.Length : end;
                value = text[(start + 1)..end];
                var semicolon = text.IndexOf(';', Math.Min(end + 1, text.Length));
                i = semicolon < 0 ? text.Length : semicolon + 1;
            }
            else
            {
                var semicolon = text.IndexOf(';', start);
                var end = semicolon < 0 ? text.Length : semicolon;
                value = text[start..end].Trim();
                i = end + 1;
            }

            yield return (key, value);
        }
    }

    /// <summary>
    /// Whether a password looks like a credential rather than a stand-in: at least 6 characters, not a well-known
    /// sample or default, not the user name or the user name plus a suffix (postgres:postgres, app:app123), not a
    /// template or variable reference (<c>$DB_PASS</c>, <c>%s</c>, <c>{0}</c>, <c>DB_PASSWORD</c>), at least 4 distinct characters.
    /// </summary>
    internal static bool IsPlausiblePassword(string user, string password)
    {
        if (password.Length < 6 || password.Distinct().Count() < 4)
        {
            return false;
        }

        var lower = password.ToLowerInvariant();
        if (PlaceholderPasswords.Contains(lower)
            || PlaceholderPasswordMarkers.Any(marker => lower.Contains(marker, StringComparison.Ordinal))
            || (user.Length >= 3 && lower.StartsWith(user.ToLowerInvariant(), StringComparison.Ordinal)))
        {
            return false;
        }

        var percentEncoded = password.Length >= 3 && password[0] == '%' && char.IsAsciiHexDigit(password[1]) && char.IsAsciiHexDigit(password[2]);
        var templated = password[0] is '$' or '{' or '[' or ':' or '@'
            || (password[0] == '%' && !percentEncoded)
            || password.IndexOfAny(['{', '}']) >= 0
            || password.Contains("$(", StringComparison.Ordinal)
            || password.Contains("%s", StringComparison.Ordinal)
            || password.Contains("%(", StringComparison.Ordinal);
        var variableName = password.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')
            && (password.Contains('_', StringComparison.Ordinal) || password.All(char.IsAsciiLetterUpper));
        return !templated && !variableName;
    }

    /// <summary>
    /// A host that is this machine (localhost, loopback, SQL Server's <c>.</c>, <c>(local)</c> and LocalDB,
    /// host.docker.internal), a reserved documentation name (RFC 2606/6761: example.*, *.test, *.invalid,
    /// *.localhost), a generic stand-in such as <c>hostname</c>, or missing.
    /// </summary>
    internal static bool IsLocalOrPlaceholderHost(string host)
    {
        var h = host.Trim().Trim('"', '\'').ToLowerInvariant();
        foreach (var protocol in new[] { "tcp:", "np:", "lpc:" })
        {
            if (h.StartsWith(protocol, StringComparison.Ordinal))
            {
                h = h[protocol.Length..];
            }
        }

        if (h.StartsWith('['))
        {
            var close = h.IndexOf(']', StringComparison.Ordinal);
            h = close > 0 ? h[1..close] : h[1..];
        }
        else
        {
            var end = h.IndexOfAny([',', '\\', '/', ':', ';', '?', ' ']);
            h = end < 0 ? h : h[..end];
        }

        h = h.TrimEnd('.');
        return h.Length == 0
            || h is "." or "(local)" or "localhost" or "0.0.0.0" or "::1" or "host.docker.internal"
            || h.StartsWith("(localdb)", StringComparison.Ordinal)
            || (h.StartsWith("127.", StringComparison.Ordinal) && h.All(c => char.IsAsciiDigit(c) || c == '.'))
            || PlaceholderHosts.Contains(h)
            || h.EndsWith(".localhost", StringComparison.Ordinal)
            || h.EndsWith(".test", StringComparison.Ordinal)
            || h.EndsWith(".invalid", StringComparison.Ordinal)
            || h.EndsWith(".example", StringComparison.Ordinal)
            || h is "example.com" or "example.net" or "example.org"
            || h.EndsWith(".example.com", StringComparison.Ordinal)
            || h.EndsWith(".example.net", StringComparison.Ordinal)
            || h.EndsWith(".example.org", StringComparison.Ordinal);
    }

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    // Substrings (lower case) that mark a generic value as a stand-in. Real keys are random, so the chance that
    // one holds a 4-letter word here is negligible.
    private static readonly string[] GenericPlaceholderMarkers =
    [
        "test", "fake", "sample", "dummy", "mock", "example", "secret", "token", "apikey", "api_key", "password",
        "passwd", "your", "here", "replace", "insert", "todo", "xxxx", "1234", "abcd", "qwerty", "0000", "aaaa",
    ];

    /// <summary>
    /// A value assigned to a generic name (api_key, client_secret…) that looks random: 20–200 characters with
    /// letters and digits, Shannon entropy of at least 3.0 bits per character for hex and 3.5 otherwise, no
    /// stand-in words or sequences, not a path, not a camelCase identifier, and not base64 of printable text.
    /// </summary>
    internal static bool IsGenericSecret(string secret)
    {
        var value = secret.TrimEnd('=');
        if (value.Length is < 20 or > 200 || !value.Any(char.IsAsciiDigit) || !value.Any(char.IsAsciiLetter))
        {
            return false;
        }

        var lower = value.ToLowerInvariant();
        if (GenericPlaceholderMarkers.Any(marker => lower.Contains(marker, StringComparison.Ordinal)))
        {
            return false;
        }

        var hex = value.All(char.IsAsciiHexDigit);
        if (SecretText.Entropy(value) < (hex ? 3.0 : 3.5))
        {
            return false;
        }

        // A path has all-lower-case segments (keys/prod/server2024); random base64 almost never does.
        if (value.Contains('/', StringComparison.Ordinal)
            && value.Split('/').Any(segment => segment.Length >= 4 && segment.All(char.IsAsciiLetterLower)))
        {
            return false;
        }

        return !IsCamelCaseIdentifier(value) && !DecodesToPrintableText(secret);
    }

    // Capitalised words (an upper-case letter and 3+ lower-case ones) covering most of the value:
    // MyServiceClientConfig2. In random text such humps are rare (about one in 30 positions).
    private static bool IsCamelCaseIdentifier(string value)
    {
        var covered = 0;
        var humps = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiLetterUpper(value[i]))
            {
                continue;
            }

            var end = i + 1;
            while (end < value.Length && char.IsAsciiLetterLower(value[end]))
            {
                end++;
            }

            if (end - i >= 4)
            {
                humps++;
                covered += end - i;
            }
        }

        return humps >= 3 && covered * 10 >= value.Length * 6;
    }

    private static bool DecodesToPrintableText(string secret)
    {
        if (secret.Length % 4 != 0)
        {
            return false;
        }

        var decoded = TryDecodeBase64(secret, urlSafe: false);
        return decoded is { Length: >= 12 } && decoded.All(b => b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t');
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
