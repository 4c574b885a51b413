using HookGuard.Detectors.Engine;

namespace HookGuard.Detectors.Tests.Engine;

public class SecretTextTests
{
    [TestCase("abcdefghijklmnopqrstuvwxyz", "abcd**** (26 chars)")]
    [TestCase("abcdefghij", "ab**** (10 chars)")]
    [TestCase("abcd", "**** (4 chars)")]
    public void Redact_Secret_ShowsAtMostFourLeadingCharactersAndLength(string secret, string expected)
    {
        Assert.That(SecretText.Redact(secret), Is.EqualTo(expected));
    }

    [Test]
    public void Hash_KnownInput_IsFirst16HexOfSha256()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        Assert.That(SecretText.Hash("abc"), Is.EqualTo("ba7816bf8f01cfea"));
    }

    [TestCase("aaaa", 0.0)]
    [TestCase("abab", 1.0)]
    [TestCase("abcd", 2.0)]
    public void Entropy_Text_IsShannonBitsPerCharacter(string text, double expected)
    {
        Assert.That(SecretText.Entropy(text), Is.EqualTo(expected).Within(1e-9));
    }
}
