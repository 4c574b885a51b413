using System.Text;

namespace HookGuard.Detectors.Sources;

/// <summary>Turns file bytes into scannable text the way git judges text and binary.</summary>
public static class TextDecoding
{
    /// <summary>git looks for a NUL byte in this many leading bytes to call a file binary.</summary>
    public const int BinaryProbeLength = 8000;

    private static readonly Encoding Utf8Lenient = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// Decodes <paramref name="bytes"/> to text with '\n' line ends, or returns false for binary
    /// content. UTF-16 with a byte-order mark is text (its NUL bytes are not a binary marker);
    /// a UTF-8 BOM is dropped; invalid UTF-8 becomes U+FFFD instead of failing.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text)
    {
        string decoded;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            decoded = Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            decoded = Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }
        else if (bytes[..Math.Min(bytes.Length, BinaryProbeLength)].Contains((byte)0))
        {
            text = "";
            return false;
        }
        else
        {
            decoded = Utf8Lenient.GetString(bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes);
        }

        text = decoded.Contains('\r', StringComparison.Ordinal) ? decoded.Replace("\r\n", "\n", StringComparison.Ordinal) : decoded;
        return true;
    }
}
