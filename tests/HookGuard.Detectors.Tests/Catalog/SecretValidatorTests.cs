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

    [TestCase("crc99", "unknown validator")]
    [TestCase("base64-prefix", "needs an argument")]
    [TestCase("jwt:x", "takes no argument")]
    public void TryParse_Bad_SaysWhy(string text, string expected)
    {
        Assert.That(SecretValidator.TryParse(text, out _), Does.Contain(expected));
    }
}
