using System.Buffers.Text;
using System.Text;
using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Tests.Catalog;

public class SecretValidatorTests
{
    private static SecretValidator Parse(string text)
    {
        Assert.That(SecretValidator.TryParse(text, out var validator), Is.Null);
        return validator!;
    }

    private static string B64Url(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    [Test]
    public void Base64Prefix_DecodesToPrefix_IsValid()
    {
        Assert.That(Parse("base64-prefix:tok:").IsValid(Convert.ToBase64String(Encoding.ASCII.GetBytes("tok:abc:1:0"))), Is.True);
    }

    [Test]
    public void Base64Prefix_DecodesToOtherText_IsInvalid()
    {
        Assert.That(Parse("base64-prefix:tok:").IsValid(Convert.ToBase64String(Encoding.ASCII.GetBytes("tok;abc:1:0"))), Is.False);
    }

    [Test]
    public void Base64Prefix_NotBase64_IsInvalid()
    {
        Assert.That(Parse("base64-prefix:tok:").IsValid("dG9rO!!!"), Is.False);
    }

    [Test]
    public void Jwt_JsonHeaderAndPayload_IsValid()
    {
        Assert.That(Parse("jwt").IsValid($"{B64Url("{\"alg\":\"HS256\"}")}.{B64Url("{\"sub\":\"1\"}")}.sig"), Is.True);
    }

    [TestCase("{\"typ\":\"JWT\"}", "{\"sub\":\"1\"}")]
    [TestCase("{\"alg\":\"HS256\"}", "not json")]
    public void Jwt_HeaderWithoutAlgOrPayloadNotJson_IsInvalid(string header, string payload)
    {
        Assert.That(Parse("jwt").IsValid($"{B64Url(header)}.{B64Url(payload)}.sig"), Is.False);
    }

    [Test]
    public void Crc32Base62_StandardCheckInput_IsTheIeeeCrcInBase62()
    {
        // CRC32/IEEE of "123456789" is 0xCBF43926, the published check value; in base62 that is 3jZRME.
        Assert.That(SecretValidator.Crc32Base62("123456789"), Is.EqualTo("3jZRME"));
    }

    [Test]
    public void Crc32Base62_SmallValue_IsLeftPaddedWithZeros()
    {
        Assert.That(SecretValidator.Crc32Base62(""), Is.EqualTo("000000"));
    }

    [TestCase("ghp_")]
    [TestCase("npm_")]
    public void Crc32Base62_GeneratedToken_IsValid(string prefix)
    {
        var token = SampleShape.Generate($"{prefix}<<crc32b62:30>>", new Random(7));

        Assert.That(Parse($"crc32-base62:{prefix}").IsValid(token), Is.True);
    }

    [TestCase(5)]
    [TestCase(20)]
    [TestCase(37)]
    [TestCase(39)]
    public void Crc32Base62_OneCharacterChanged_IsInvalid(int position)
    {
        var token = SampleShape.Generate("ghp_<<crc32b62:30>>", new Random(8));
        var changed = token[..position] + (token[position] == 'a' ? 'b' : 'a') + token[(position + 1)..];

        Assert.That(Parse("crc32-base62:ghp_").IsValid(changed), Is.False);
    }

    [TestCase("ghp_<<crc32b62:29>>")]
    [TestCase("ghp_<<crc32b62:31>>")]
    [TestCase("ghp_<<crc32b62:30>>x")]
    public void Crc32Base62_WrongLength_IsInvalid(string shape)
    {
        Assert.That(Parse("crc32-base62:ghp_").IsValid(SampleShape.Generate(shape, new Random(9))), Is.False);
    }

    [Test]
    public void Crc32Base62_OtherPrefix_IsInvalid()
    {
        var token = SampleShape.Generate("gho_<<crc32b62:30>>", new Random(10));

        Assert.That(Parse("crc32-base62:ghp_").IsValid(token), Is.False);
    }

    [Test]
    public void Crc32Base62_NonBase62Character_IsInvalid()
    {
        var token = SampleShape.Generate("ghp_<<crc32b62:30>>", new Random(11));

        Assert.That(Parse("crc32-base62:ghp_").IsValid(token[..10] + "-" + token[11..]), Is.False);
    }

    [TestCase("registry-user:s3cret-pass")]
    [TestCase("_json_key:{\"type\": \"service_account\"}")]
    public void Base64Credential_UserColonPassword_IsValid(string credential)
    {
        Assert.That(Parse("base64-credential").IsValid(Convert.ToBase64String(Encoding.UTF8.GetBytes(credential))), Is.True);
    }

    [TestCase("no-colon-here")]
    [TestCase(":password-only")]
    [TestCase("user-only:")]
    [TestCase("user:pass\u0001word")]
    public void Base64Credential_NotUserColonPassword_IsInvalid(string credential)
    {
        Assert.That(Parse("base64-credential").IsValid(Convert.ToBase64String(Encoding.UTF8.GetBytes(credential))), Is.False);
    }

    [Test]
    public void Base64Credential_BinaryOrNotBase64_IsInvalid()
    {
        Assert.That(Parse("base64-credential").IsValid(Convert.ToBase64String(new byte[] { 0xff, 0x3a, 0xfe, 0x41 })), Is.False);
        Assert.That(Parse("base64-credential").IsValid("not base64!"), Is.False);
    }

    [TestCase("crc99", "unknown validator")]
    [TestCase("crc32-base62", "needs an argument")]
    [TestCase("base64-credential:x", "takes no argument")]
    [TestCase("base64-prefix", "needs an argument")]
    [TestCase("jwt:x", "takes no argument")]
    public void TryParse_Bad_SaysWhy(string text, string expected)
    {
        Assert.That(SecretValidator.TryParse(text, out _), Does.Contain(expected));
    }
}
