using System.Text;

namespace HookGuard.Git;

/// <summary>Decides, as git does, whether blob content is text, and decodes it.</summary>
internal static class BlobText
{
    // git's buffer_is_binary looks at this many leading bytes (xdiff-interface.c, FIRST_FEW_BYTES).
    internal const int BinaryProbeBytes = 8000;

    // Replacement fallback: invalid UTF-8 becomes U+FFFD instead of an exception.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static bool IsBinary(ReadOnlySpan<byte> content) =>
        Utf16Encoding(content) is null && content[..Math.Min(content.Length, BinaryProbeBytes)].Contains((byte)0);

    public static string Decode(ReadOnlySpan<byte> content)
    {
        if (Utf16Encoding(content) is { } utf16)
        {
            return utf16.GetString(content[2..]);
        }

        return content.StartsWith(Encoding.UTF8.Preamble) ? Utf8.GetString(content[3..]) : Utf8.GetString(content);
    }

    // UTF-16 text is full of NUL bytes, yet it is text: its byte order mark says which order to read.
    private static Encoding? Utf16Encoding(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };
}
