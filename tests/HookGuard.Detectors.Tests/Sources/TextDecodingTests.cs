using System.Text;
using HookGuard.Detectors.Sources;

namespace HookGuard.Detectors.Tests.Sources;

[TestFixture]
public sealed class TextDecodingTests
{
    [TestCase(0, true)]
    [TestCase(7999, true)]
    [TestCase(8000, false)]
    public void IsBinary_NulByteAtOffset_LooksOnlyAtTheFirst8000Bytes(int offset, bool binary)
    {
        var content = Enumerable.Repeat((byte)'a', 9000).ToArray();
        content[offset] = 0;

        Assert.That(TextDecoding.IsBinary(content), Is.EqualTo(binary));
    }

    [Test]
    public void IsBinary_Utf16WithBom_IsText()
    {
        Assert.That(TextDecoding.IsBinary([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("alpha")]), Is.False);
        Assert.That(TextDecoding.IsBinary([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("alpha")]), Is.False);
    }

    [Test]
    public void IsBinary_Utf16WithoutBom_IsBinary() =>
        Assert.That(TextDecoding.IsBinary(Encoding.Unicode.GetBytes("alpha")), Is.True);

    [Test]
    public void Decode_Boms_AreRemoved()
    {
        Assert.That(TextDecoding.Decode([0xEF, 0xBB, 0xBF, (byte)'a']), Is.EqualTo("a"));
        Assert.That(TextDecoding.Decode([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("alpha beta")]), Is.EqualTo("alpha beta"));
        Assert.That(TextDecoding.Decode([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("alpha beta")]), Is.EqualTo("alpha beta"));
    }

    [Test]
    public void Decode_InvalidUtf8_BecomesReplacementCharacters() =>
        Assert.That(TextDecoding.Decode([(byte)'a', 0xC3, 0x28, 0xFF, (byte)'b']), Is.EqualTo("a\uFFFD(\uFFFDb"));

    [Test]
    public void TryDecode_CrLfFile_HasOnlyLf()
    {
        Assert.That(TextDecoding.TryDecode("a\r\nb\r\n"u8, out var text), Is.True);
        Assert.That(text, Is.EqualTo("a\nb\n"));
    }

    [Test]
    public void TryDecode_Binary_ReturnsFalse()
    {
        Assert.That(TextDecoding.TryDecode([0x89, 0x50, 0x00, 0x01], out _), Is.False);
    }
}
