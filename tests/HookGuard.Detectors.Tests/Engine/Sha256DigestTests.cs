using System.Security.Cryptography;
using System.Text;
using HookGuard.Detectors.Engine;

namespace HookGuard.Detectors.Tests.Engine;

public class Sha256DigestTests
{
    // FIPS 180-4's examples (one block, two blocks) and the empty message.
    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void HashData_StandardExample_GivesTheStandardsDigest(string message, string expected)
    {
        Assert.That(Hex(Encoding.ASCII.GetBytes(message)), Is.EqualTo(expected));
    }

    [Test]
    public void HashData_EveryLengthAcrossBlockAndPaddingBoundaries_MatchesThePlatformSha256()
    {
        // Lengths 0-300 cross four block boundaries and each case of the padding (one block or two); 1,000 and 65,539
        // many blocks and a remainder.
        var random = new Random(20261124);
        var lengths = Enumerable.Range(0, 301).Concat([1_000, 65_539]);
        foreach (var length in lengths)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.That(Hex(data), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(data))), $"length {length}");
        }
    }

    [Test]
    public void HashData_MillionRepetitionsOfA_GivesTheStandardsDigest()
    {
        var data = Enumerable.Repeat((byte)'a', 1_000_000).ToArray();
        Assert.That(Hex(data), Is.EqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    [Test]
    public void HashData_DestinationTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => Sha256Digest.HashData([1, 2, 3], new byte[31]));
    }

    private static string Hex(byte[] data)
    {
        var digest = new byte[Sha256Digest.HashSizeInBytes];
        Sha256Digest.HashData(data, digest);
        return Convert.ToHexStringLower(digest);
    }
}
