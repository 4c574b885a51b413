using System.Text;
using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Tests.Catalog;

public class SampleShapeTests
{
    [Test]
    public void Generate_LiteralAndGenerators_ProducesTheShape()
    {
        var value = SampleShape.Generate("KEY_<<hex:8>>_<<digits:3>>", new Random(1));

        Assert.That(value, Does.Match("^KEY_[0-9a-f]{8}_[0-9]{3}$"));
    }

    [Test]
    public void Generate_CharacterClass_UsesOnlyItsMembers()
    {
        var value = SampleShape.Generate("<<[a-c_+-]:200>>", new Random(2));

        Assert.That(value, Does.Match("^[a-c_+-]{200}$"));
    }

    [Test]
    public void Generate_Base64Encoder_EncodesTheExpandedInnerShape()
    {
        var value = SampleShape.Generate("<<base64(tok:<<hex:4>>)>>", new Random(3));

        Assert.That(Encoding.UTF8.GetString(Convert.FromBase64String(value)), Does.Match("^tok:[0-9a-f]{4}$"));
    }

    [Test]
    public void Generate_Base64UrlEncoderWithJson_KeepsTheBraces()
    {
        var value = SampleShape.Generate("<<base64url({\"a\":\"<<digits:2>>\"})>>", new Random(4));

        Assert.That(value, Does.Not.Contain("=").And.Not.Contain("+").And.Not.Contain("/"));
        Assert.That(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(value)), Does.Match("^\\{\"a\":\"[0-9]{2}\"\\}$"));
    }

    [Test]
    public void Generate_Crc32Base62_AppendsTheChecksumOfTheRandomPart()
    {
        var value = SampleShape.Generate("npm_<<crc32b62:30>>", new Random(12));

        Assert.That(value, Does.Match("^npm_[0-9A-Za-z]{36}$"));
        Assert.That(value[^6..], Is.EqualTo(SecretValidator.Crc32Base62(value.AsSpan(4, 30))));
    }

    [Test]
    public void Generate_Crc32Base62_AcceptedByTheValidatorAndRejectedWhenOneCharacterChanges()
    {
        Assert.That(SecretValidator.TryParse("crc32-base62:ghp_", out var validator), Is.Null);
        var value = SampleShape.Generate("ghp_<<crc32b62:30>>", new Random(13));
        var changed = value[..15] + (value[15] == 'Q' ? 'R' : 'Q') + value[16..];

        Assert.That(validator!.IsValid(value), Is.True);
        Assert.That(validator.IsValid(changed), Is.False);
    }

    [Test]
    public void Generate_Crc32Base62WrongLength_IsRejectedByTheValidator()
    {
        Assert.That(SecretValidator.TryParse("crc32-base62:ghp_", out var validator), Is.Null);

        Assert.That(validator!.IsValid(SampleShape.Generate("ghp_<<crc32b62:29>>", new Random(14))), Is.False);
    }

    [Test]
    public void Generate_SameSeed_SameValue()
    {
        var first = SampleShape.Generate("<<alnum:30>>", new Random(5));

        Assert.That(SampleShape.Generate("<<alnum:30>>", new Random(5)), Is.EqualTo(first));
    }

    [Test]
    public void Generate_SecretPlaceholder_IsReplaced()
    {
        Assert.That(SampleShape.Generate("Bearer <<secret>>", new Random(6), "T"), Is.EqualTo("Bearer T"));
    }

    [TestCase("<<hex:8", "'>>' missing")]
    [TestCase("<<base64(abc>>", "')>>' missing")]
    [TestCase("<<hex>>", "is not NAME:LENGTH")]
    [TestCase("<<rainbow:3>>", "unknown generator")]
    [TestCase("<<secret>>", "only allowed in examples")]
    public void Validate_Malformed_SaysWhy(string shape, string expected)
    {
        Assert.That(SampleShape.Validate(shape, allowSecretPlaceholder: false), Does.Contain(expected));
    }
}
