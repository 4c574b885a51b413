using System.Buffers.Text;
using System.Text;

namespace HookGuard.Detectors.Catalog;

/// <summary>
/// Expands a rule's sample shape into a valid-looking token, so tests build token-shaped strings at
/// run time and the repository itself never holds one.
/// </summary>
/// <remarks>
/// Shape syntax: literal text, plus directives in double angle brackets:
/// <c>&lt;&lt;hex:40&gt;&gt;</c> (also <c>HEX</c>, <c>digits</c>, <c>alnum</c>, <c>base58</c>, <c>b64</c>, <c>b64url</c>),
/// <c>&lt;&lt;[A-Za-z0-9_-]:18&gt;&gt;</c> (a character class),
/// <c>&lt;&lt;base64(...)&gt;&gt;</c> and <c>&lt;&lt;base64url(...)&gt;&gt;</c> (encode the expanded inner shape),
/// <c>&lt;&lt;crc32b62:30&gt;&gt;</c> (30 random base62 characters followed by their 6-character base62 CRC32, the
/// body of a GitHub-style checksummed token), and
/// <c>&lt;&lt;secret&gt;&gt;</c> (in examples and negatives: the sample token).
/// </remarks>
public static class SampleShape
{
    private const string Open = "<<";
    private const string Close = ">>";
    private const string EncoderClose = ")>>";
    private const string ChecksummedGenerator = "crc32b62";

    private static readonly Dictionary<string, string> Alphabets = new(StringComparer.Ordinal)
    {
        ["hex"] = "0123456789abcdef",
        ["HEX"] = "0123456789ABCDEF",
        ["digits"] = "0123456789",
        ["alnum"] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        ["base58"] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
        ["b64"] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        ["b64url"] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    };

    /// <summary>Expands <paramref name="shape"/>; <c>&lt;&lt;secret&gt;&gt;</c> becomes <paramref name="secret"/>.</summary>
    public static string Generate(string shape, Random random, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(random);
        var index = 0;
        var result = Expand(shape, ref index, terminator: null, random, secret);
        return result;
    }

    /// <summary>Returns why <paramref name="shape"/> is malformed, or null when it expands.</summary>
    public static string? Validate(string shape, bool allowSecretPlaceholder)
    {
        try
        {
            Generate(shape, new Random(0), allowSecretPlaceholder ? "SECRET" : null);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static string Expand(string shape, ref int index, string? terminator, Random random, string? secret)
    {
        var output = new StringBuilder();
        while (index < shape.Length)
        {
            if (terminator is not null && string.CompareOrdinal(shape, index, terminator, 0, terminator.Length) == 0)
            {
                index += terminator.Length;
                return output.ToString();
            }

            if (string.CompareOrdinal(shape, index, Open, 0, Open.Length) == 0)
            {
                index += Open.Length;
                output.Append(ExpandDirective(shape, ref index, random, secret));
            }
            else
            {
                output.Append(shape[index]);
                index++;
            }
        }

        if (terminator is not null)
        {
            throw new FormatException($"'{terminator}' missing in sample shape");
        }

        return output.ToString();
    }

    private static string ExpandDirective(string shape, ref int index, Random random, string? secret)
    {
        foreach (var (encoder, urlSafe) in new[] { ("base64(", false), ("base64url(", true) })
        {
            if (string.CompareOrdinal(shape, index, encoder, 0, encoder.Length) == 0)
            {
                index += encoder.Length;
                var inner = Encoding.UTF8.GetBytes(Expand(shape, ref index, EncoderClose, random, secret));
                return urlSafe ? Base64Url.EncodeToString(inner) : Convert.ToBase64String(inner);
            }
        }

        var end = shape.IndexOf(Close, index, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException($"'{Close}' missing after position {index - Open.Length} in sample shape");
        }

        var directive = shape[index..end];
        index = end + Close.Length;
        if (directive == "secret")
        {
            return secret ?? throw new FormatException("<<secret>> is only allowed in examples and negatives");
        }

        var colon = directive.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(directive.AsSpan(colon + 1), out var length) || length is < 1 or > 10_000)
        {
            throw new FormatException($"'<<{directive}>>' is not NAME:LENGTH");
        }

        var name = directive[..colon];
        if (name == ChecksummedGenerator)
        {
            // The checksum is computed, not random, so a sample token passes the crc32-base62 validator.
            var body = RandomText(Alphabets["alnum"], length, random);
            return body + SecretValidator.Crc32Base62(body);
        }

        return RandomText(AlphabetFor(name), length, random);
    }

    private static string RandomText(string alphabet, int length, Random random) =>
        string.Create(length, (alphabet, random), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });

    private static string AlphabetFor(string name)
    {
        if (Alphabets.TryGetValue(name, out var alphabet))
        {
            return alphabet;
        }

        if (name.Length < 3 || name[0] != '[' || name[^1] != ']')
        {
            throw new FormatException($"unknown generator '{name}' (known: {string.Join(", ", Alphabets.Keys)}, {ChecksummedGenerator}, or a class like [a-z0-9_-])");
        }

        var members = new StringBuilder();
        var body = name[1..^1];
        for (var i = 0; i < body.Length; i++)
        {
            if (i + 2 < body.Length && body[i + 1] == '-' && body[i + 2] > body[i])
            {
                for (var c = body[i]; c <= body[i + 2]; c++)
                {
                    members.Append(c);
                }

                i += 2;
            }
            else
            {
                members.Append(body[i]);
            }
        }

        return members.ToString();
    }
}
