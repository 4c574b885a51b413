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

    // Key material is built at test time from DER/SSH structure plus random bytes: the repository holds no key.
    private static string Pem(string label, byte[] structure, int randomBytes = 90, string lineBreak = "\n", int seed = 1)
    {
        var body = Convert.ToBase64String([.. structure, .. RandomBytes(randomBytes, seed)]);
        var lines = Enumerable.Range(0, (body.Length + 63) / 64).Select(i => body.Substring(i * 64, Math.Min(64, body.Length - (i * 64))));
        return $"-----BEGIN {label}-----{lineBreak}{string.Join(lineBreak, lines)}{lineBreak}-----END {label}-----";
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] SshString(string text) => [0, 0, 0, (byte)text.Length, .. Encoding.ASCII.GetBytes(text)];

    private static byte[] OpenSshOpening(string cipher) =>
        [.. "openssh-key-v1\0"u8.ToArray(), .. SshString(cipher), .. SshString(cipher == "none" ? "none" : "bcrypt"), 0, 0, 0, 0, 0, 0, 0, 1];

    private static string Password(int seed) => SampleShape.Generate("<<alnum:20>>", new Random(seed));

    // DER openings: SEQUENCE with a two-byte length, then the version INTEGER and the next tag.
    private static readonly byte[] RsaOpening = [0x30, 0x82, 0x04, 0xA3, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00];
    private static readonly byte[] EcOpening = [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20];
    private static readonly byte[] Pkcs8Opening = [0x30, 0x82, 0x04, 0xBE, 0x02, 0x01, 0x00, 0x30, 0x0D, 0x06, 0x09];
    private static readonly byte[] EncryptedPkcs8Opening = [0x30, 0x82, 0x05, 0x2D, 0x30, 0x57, 0x06, 0x09];

    [TestCase("RSA PRIVATE KEY", "rsa")]
    [TestCase("DSA PRIVATE KEY", "rsa")]
    [TestCase("EC PRIVATE KEY", "ec")]
    [TestCase("PRIVATE KEY", "pkcs8")]
    public void PrivateKey_PemWithMatchingDerBody_IsValid(string label, string opening)
    {
        var structure = opening switch { "rsa" => RsaOpening, "ec" => EcOpening, _ => Pkcs8Opening };

        Assert.That(Parse("private-key").IsValid(Pem(label, structure)), Is.True);
        Assert.That(Parse("encrypted-private-key").IsValid(Pem(label, structure)), Is.False);
    }

    [TestCase("\\n")]
    [TestCase("\\r\\n")]
    [TestCase(" ")]
    [TestCase("\n    ")]
    public void PrivateKey_EscapedSpacedOrIndentedLineBreaks_IsValid(string lineBreak)
    {
        Assert.That(Parse("private-key").IsValid(Pem("RSA PRIVATE KEY", RsaOpening, lineBreak: lineBreak)), Is.True);
    }

    [Test]
    public void PrivateKey_HeaderWithoutKeyMaterial_IsInvalid()
    {
        var validator = Parse("private-key");

        Assert.That(validator.IsValid("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----"), Is.False);
        Assert.That(validator.IsValid(Pem("RSA PRIVATE KEY", Encoding.ASCII.GetBytes("this is prose, not a key"))), Is.False);
        Assert.That(validator.IsValid(Pem("RSA PRIVATE KEY", EcOpening)), Is.False, "EC structure under an RSA header");
        Assert.That(validator.IsValid(Pem("PUBLIC KEY", Pkcs8Opening)), Is.False);
    }

    [Test]
    public void PrivateKey_OpenSshWithoutCipher_IsPlain()
    {
        var key = Pem("OPENSSH PRIVATE KEY", [.. OpenSshOpening("none"), .. SshString("ssh-ed25519")]);

        Assert.That(Parse("private-key").IsValid(key), Is.True);
        Assert.That(Parse("encrypted-private-key").IsValid(key), Is.False);
    }

    [Test]
    public void PrivateKey_OpenSshWithCipher_IsEncrypted()
    {
        var key = Pem("OPENSSH PRIVATE KEY", [.. OpenSshOpening("aes256-ctr"), .. SshString("ssh-ed25519")]);

        Assert.That(Parse("private-key").IsValid(key), Is.False);
        Assert.That(Parse("encrypted-private-key").IsValid(key), Is.True);
    }

    [Test]
    public void PrivateKey_OpenSshSharedOpeningOnly_IsInvalid()
    {
        // The first line of every Ed25519 key is identical; documentation often shows just that.
        var key = Pem("OPENSSH PRIVATE KEY", OpenSshOpening("none"), randomBytes: 10);

        Assert.That(Parse("private-key").IsValid(key), Is.False);
    }

    [Test]
    public void EncryptedPrivateKey_Pkcs8EncryptedPrivateKeyInfo_IsValid()
    {
        var key = Pem("ENCRYPTED PRIVATE KEY", EncryptedPkcs8Opening);

        Assert.That(Parse("encrypted-private-key").IsValid(key), Is.True);
        Assert.That(Parse("private-key").IsValid(key), Is.False);
    }

    [Test]
    public void EncryptedPrivateKey_LegacyProcTypeWithDekInfo_IsValid()
    {
        var iv = SampleShape.Generate("<<HEX:32>>", new Random(3));
        var validator = Parse("encrypted-private-key");

        Assert.That(validator.IsValid($"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,{iv}"), Is.True);
        Assert.That(validator.IsValid("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\n..."), Is.False);
    }

    [Test]
    public void PrivateKey_PgpSecretKeyPacket_IsValid()
    {
        var armor = (byte tag) => $"-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: test\n\n{Convert.ToBase64String([tag, 0x58, 0x04, .. RandomBytes(60, 4)])}";

        Assert.That(Parse("private-key").IsValid(armor(0x94)), Is.True, "old-format secret-key packet");
        Assert.That(Parse("private-key").IsValid(armor(0xC5)), Is.True, "new-format secret-key packet");
        Assert.That(Parse("private-key").IsValid(armor(0x99)), Is.False, "public-key packet");
    }

    [TestCase("ssh-ed25519", "none", "private-key")]
    [TestCase("ssh-rsa", "aes256-cbc", "encrypted-private-key")]
    public void PrivateKey_PuttyKeyWithMatchingBlob_IsValid(string algorithm, string encryption, string validator)
    {
        var blob = Convert.ToBase64String([.. SshString(algorithm), .. RandomBytes(40, 5)]);
        var key = $"PuTTY-User-Key-File-3: {algorithm}\nEncryption: {encryption}\nComment: test-key\nPublic-Lines: 2\n{blob}";

        Assert.That(Parse(validator).IsValid(key), Is.True);
        Assert.That(Parse(validator).IsValid(key.Replace($": {algorithm}\n", ": ecdsa-sha2-nistp256\n", StringComparison.Ordinal)), Is.False, "blob names another algorithm");
    }

    [Test]
    public void Base64PrivateKey_EncodedPemKey_IsValid()
    {
        var encode = (string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text + "\n"));

        Assert.That(Parse("base64-private-key").IsValid(encode(Pem("EC PRIVATE KEY", EcOpening))), Is.True);
        Assert.That(Parse("base64-private-key").IsValid(encode(Pem("CERTIFICATE", Pkcs8Opening))), Is.False);
        Assert.That(Parse("base64-private-key").IsValid(encode(Pem("ENCRYPTED PRIVATE KEY", EncryptedPkcs8Opening))), Is.False);
    }

    private static string Jwt(string header, string payload) => $"{B64Url(header)}.{B64Url(payload)}.{SampleShape.Generate("<<b64url:43>>", new Random(6))}";

    [TestCase("{\"sub\":\"1\"}")]
    [TestCase("{\"sub\":\"1\",\"exp\":1900000000}")]
    public void JwtUsable_SignedAndUnexpired_IsValid(string payload)
    {
        Assert.That(SecretValidator.IsUsableJwt(Jwt("{\"alg\":\"HS256\"}", payload), DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)), Is.True);
    }

    [TestCase("{\"alg\":\"HS256\"}", "{\"sub\":\"1\",\"exp\":1700000000}")]
    [TestCase("{\"alg\":\"none\"}", "{\"sub\":\"1\"}")]
    [TestCase("{\"typ\":\"JWT\"}", "{\"sub\":\"1\"}")]
    [TestCase("{\"alg\":\"HS256\"}", "[1,2]")]
    public void JwtUsable_ExpiredUnsignedOrMalformed_IsInvalid(string header, string payload)
    {
        Assert.That(SecretValidator.IsUsableJwt(Jwt(header, payload), DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)), Is.False);
    }

    [Test]
    public void JwtUsable_ShortSignature_IsInvalid()
    {
        Assert.That(Parse("jwt-usable").IsValid($"{B64Url("{\"alg\":\"HS256\"}")}.{B64Url("{\"sub\":\"1\"}")}.abc"), Is.False);
    }

    [TestCase("postgresql", "app", "db-7.internal:5432")]
    [TestCase("rediss", "", "cache.prod.net")]
    [TestCase("https", "alerts%40corp.net", "[fd00::12]:8443")]
    public void UrlCredential_RealLookingPasswordAndRemoteHost_IsValid(string scheme, string user, string host)
    {
        Assert.That(Parse("url-credential").IsValid($"{scheme}://{user}:{Password(7)}@{host}"), Is.True);
    }

    [TestCase("app", "password")]
    [TestCase("app", "MyPassword1")]
    [TestCase("postgres", "postgres")]
    [TestCase("app", "app12345")]
    [TestCase("app", "changeme")]
    [TestCase("", "foobared")]
    [TestCase("app", "$DB_PASS")]
    [TestCase("app", "%s%s%s")]
    [TestCase("app", "DB_PASSWORD")]
    [TestCase("app", "SECRET")]
    [TestCase("app", "x1y2z")]
    [TestCase("app", "aaaaaaaa")]
    [TestCase("app", "your_db_pw")]
    public void UrlCredential_StandInPassword_IsInvalid(string user, string password)
    {
        Assert.That(Parse("url-credential").IsValid($"postgres://{user}:{password}@db.prod.net"), Is.False);
    }

    [TestCase("localhost:5432")]
    [TestCase("127.0.0.1")]
    [TestCase("[::1]:6379")]
    [TestCase("host.docker.internal")]
    [TestCase("db.example.com")]
    [TestCase("api.test")]
    [TestCase("hostname")]
    public void UrlCredential_LocalOrDocumentationHost_IsInvalid(string host)
    {
        Assert.That(Parse("url-credential").IsValid($"postgres://app:{Password(8)}@{host}"), Is.False);
    }

    [TestCase("Server=tcp:sql.prod.net,1433;Initial Catalog=db;User ID=svc;Password={0}")]
    [TestCase("Password={0};User ID=svc;Host=pg.prod.net")]
    [TestCase("Server=sql.prod.net;Uid=svc;Pwd={{ab;{0}}}")]
    [TestCase("jdbc:postgresql://pg.prod.net:5432/db?user=svc&password={0}")]
    [TestCase("jdbc:sqlserver://sql.prod.net:1433;databaseName=db;user=svc;password={0}")]
    [TestCase("jdbc:oracle:thin:svc/{0}@db.prod.net")]
    public void ConnectionString_PasswordAndRemoteServer_IsValid(string format)
    {
        Assert.That(Parse("connection-string").IsValid(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Password(9))), Is.True);
    }

    [TestCase("Server=.\\SQLEXPRESS;User Id=sa;Password={0}")]
    [TestCase("Server=(localdb)\\mssqllocaldb;Password={0}")]
    [TestCase("Server=localhost,1433;User Id=sa;Password={0}")]
    [TestCase("Data Source=myServerAddress;User Id=myUsername;Password=myPassword")]
    [TestCase("Server=sql.prod.net;User Id=sa;Password={{0}}")]
    [TestCase("Server=sql.prod.net;Database=db")]
    [TestCase("jdbc:mysql://localhost:3306/db?user=root&password={0}")]
    [TestCase("jdbc:oracle:thin:scott/tiger@db.prod.net")]
    public void ConnectionString_LocalServerOrStandInPassword_IsInvalid(string format)
    {
        Assert.That(Parse("connection-string").IsValid(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Password(10))), Is.False);
    }

    [TestCase("<<alnum:32>>")]
    [TestCase("<<hex:32>>")]
    [TestCase("<<b64:40>>")]
    public void GenericSecret_RandomValue_IsValid(string shape)
    {
        // Seeded values checked to contain a digit and a letter, as nearly all random values do.
        Assert.That(Parse("generic-secret").IsValid(SampleShape.Generate(shape, new Random(12))), Is.True);
    }

    [TestCase("abcdefghijklmnopqrstuvwxyzABCDEF")]
    [TestCase("k3Tz9TESTq8Wm2Lp5Xr7Nv4Bc6Yh1Dg0")]
    [TestCase("MyServiceClientConfigLoader2024")]
    [TestCase("keys/production/server2024/private")]
    [TestCase("a1a1a1a1a1a1a1a1a1a1a1a1a1a1")]
    [TestCase("0123456789abcdef0123456789abcdef")]
    public void GenericSecret_IdentifierPathOrStandIn_IsInvalid(string value)
    {
        Assert.That(Parse("generic-secret").IsValid(value), Is.False);
    }

    [Test]
    public void GenericSecret_Base64OfReadableText_IsInvalid()
    {
        Assert.That(Parse("generic-secret").IsValid(Convert.ToBase64String(Encoding.UTF8.GetBytes("not a key, only 2 short sentences."))), Is.False);
    }

    [TestCase("crc99", "unknown validator")]
    [TestCase("crc32-base62", "needs an argument")]
    [TestCase("base64-credential:x", "takes no argument")]
    [TestCase("base64-prefix", "needs an argument")]
    [TestCase("jwt:x", "takes no argument")]
    [TestCase("private-key:x", "takes no argument")]
    public void TryParse_Bad_SaysWhy(string text, string expected)
    {
        Assert.That(SecretValidator.TryParse(text, out _), Does.Contain(expected));
    }
}
