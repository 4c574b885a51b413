using System.Text;

namespace HookGuard.Git.Tests;

[TestFixture]
public sealed class BlobTextTests
{
    [TestCase(0, true)]
    [TestCase(7999, true)]
    [TestCase(8000, false)]
    public void IsBinary_NulByteAtOffset_LooksOnlyAtTheFirst8000Bytes(int offset, bool binary)
    {
        var content = Enumerable.Repeat((byte)'a', 9000).ToArray();
        content[offset] = 0;

        Assert.That(BlobText.IsBinary(content), Is.EqualTo(binary));
    }

    [Test]
    public void IsBinary_Utf16WithBom_IsText()
    {
        Assert.That(BlobText.IsBinary([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("alpha")]), Is.False);
        Assert.That(BlobText.IsBinary([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("alpha")]), Is.False);
    }

    [Test]
    public void IsBinary_Utf16WithoutBom_IsBinary() =>
        Assert.That(BlobText.IsBinary(Encoding.Unicode.GetBytes("alpha")), Is.True);

    [Test]
    public void Decode_Boms_AreRemoved()
    {
        Assert.That(BlobText.Decode([0xEF, 0xBB, 0xBF, (byte)'a']), Is.EqualTo("a"));
        Assert.That(BlobText.Decode([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("alpha beta")]), Is.EqualTo("alpha beta"));
        Assert.That(BlobText.Decode([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("alpha beta")]), Is.EqualTo("alpha beta"));
    }

    [Test]
    public void Decode_InvalidUtf8_BecomesReplacementCharacters() =>
        Assert.That(BlobText.Decode([(byte)'a', 0xC3, 0x28, 0xFF, (byte)'b']), Is.EqualTo("a\uFFFD(\uFFFDb"));
}
