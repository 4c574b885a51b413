using System.Text;

namespace HookGuard.Detectors.Sources;

/// <summary>Decides, as git does, whether content is text, and decodes it. Shared by every change source.</summary>
public static class TextDecoding
{
    /// <summary>git's buffer_is_binary looks at this many leading bytes (xdiff-interface.c, FIRST_FEW_BYTES).</summary>
    public const int BinaryProbeLength = 8000;

    // Replacement fallback: invalid UTF-8 becomes U+FFFD instead of an exception.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>A NUL byte in the first 8000 bytes, unless a UTF-16 byte-order mark says the NULs are text.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> content) =>
        Utf16Encoding(content) is null && content[..Math.Min(content.Length, BinaryProbeLength)].Contains((byte)0);

    /// <summary>Decodes UTF-16 (with a BOM) or UTF-8 (BOM dropped); line ends are left as they are.</summary>
    public static string Decode(ReadOnlySpan<byte> content)
    {
        if (Utf16Encoding(content) is { } utf16)
        {
            return utf16.GetString(content[2..]);
        }

        return content.StartsWith(Encoding.UTF8.Preamble) ? Utf8.GetString(content[3..]) : Utf8.GetString(content);
    }

    /// <summary>Decodes a whole file for scanning, with '\n' line ends, or returns false for binary content.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> content, out string text)
    {
        if (IsBinary(content))
        {
            text = "";
            return false;
        }

        var decoded = Decode(content);
        text = decoded.Contains('\r', StringComparison.Ordinal) ? decoded.Replace("\r\n", "\n", StringComparison.Ordinal) : decoded;
        return true;
    }

    // UTF-16 text is full of NUL bytes, yet it is text: its byte order mark says which order to read.
    private static Encoding? Utf16Encoding(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };
}
