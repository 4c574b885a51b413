using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace HookGuard.Detectors.Catalog;

/// <summary>
/// An offline check run after a regex match, for vendors whose tokens carry structure a regex
/// cannot see (a base64 prefix, a JWT). Named in rule files as <c>name</c> or <c>name:argument</c>.
/// </summary>
public sealed class SecretValidator
{
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
