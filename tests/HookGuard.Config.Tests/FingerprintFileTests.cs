using HookGuard.Detectors;

namespace HookGuard.Config.Tests;

[TestFixture]
public sealed class FingerprintFileTests : TempFolderFixture
{
    private const string Hash = "0123456789abcdef";

    [Test]
    public void Read_IgnoreFileAsPeopleWriteIt_ReadsEveryFingerprint()
    {
        var path = Folder.Write(FingerprintFile.IgnoreFileName, $"""
            # Findings that are not leaks. One a line: fingerprint, then why, who and when.

            stripe-secret-key:tests/fixtures/payment.json:{Hash}  # test fixture (Ann Lee <ann@example.invalid>, 2026-11-24)
              # an indented comment
            aws-access-key-id:config/a:b/c #1 ünïcode dir/x.env:fedcba9876543210 # has ':' and ' #' (Bo <bo@x>, 2026-11-24)
            github-personal-access-token:docs/README.md:00000000aaaaaaaa

            github-personal-access-token:docs/README.md:00000000aaaaaaaa  # listed twice
            """);

        var fingerprints = FingerprintFile.Read(path);

        Assert.That(fingerprints, Is.EquivalentTo(new HashSet<string>(StringComparer.Ordinal)
        {
            $"stripe-secret-key:tests/fixtures/payment.json:{Hash}",
            "aws-access-key-id:config/a:b/c #1 ünïcode dir/x.env:fedcba9876543210",
            "github-personal-access-token:docs/README.md:00000000aaaaaaaa",
        }));
    }

    [Test]
    public void Read_CrlfFile_ReadsTheSameFingerprints()
    {
        var path = Folder.Write("baseline", $"# baseline\r\nrule-id:a.env:{Hash}\r\n\r\nrule-id:b c.env:{Hash}  # why\r\n");

        Assert.That(FingerprintFile.Read(path), Is.EquivalentTo(new HashSet<string>(StringComparer.Ordinal) { $"rule-id:a.env:{Hash}", $"rule-id:b c.env:{Hash}" }));
    }

    [Test]
    public void Read_MissingFile_IsEmpty()
    {
        Assert.That(FingerprintFile.Read(Folder.PathOf("no-such-file")), Is.Empty);
    }

    [TestCase("not a fingerprint at all")]
    [TestCase("rule-id:a.env:0123456789ABCDEF")]
    [TestCase("rule-id:a.env:0123456789abcde")]
    [TestCase("rule-id:a.env:0123456789abcdef# no space before the comment")]
    [TestCase("rule-id:a.env:0123456789abcdef trailing words")]
    [TestCase("// rule-id:a.env:0123456789abcdef")]
    public void Read_MalformedLine_IsAUsageErrorNamingFileAndLine(string line)
    {
        var path = Folder.Write(FingerprintFile.IgnoreFileName, $"# header\n\nrule-id:ok.env:{Hash}\n{line}\nrule-id:later.env:{Hash}\n");

        var exception = Assert.Throws<HookGuardUsageException>(() => FingerprintFile.Read(path));

        Assert.That(exception!.Message, Does.StartWith($"{path}:4: not a fingerprint").Using(StringComparison.Ordinal));
        Assert.That(exception.Message, Does.Not.Contain(line), "a line pasted by mistake may be the token itself");
    }

    // The contract's shape; the path may hold ':', ' #', spaces and any printable character.
    [TestCase("rule-id:path/x.env:" + Hash, ExpectedResult = true)]
    [TestCase("aws-access-key-id:a:b:c.env:" + Hash, ExpectedResult = true)]
    [TestCase("rule-id:dir with spaces/ünï #1.txt:" + Hash, ExpectedResult = true)]
    [TestCase("a1-b2-c3:x:" + Hash, ExpectedResult = true)]
    // Anything else.
    [TestCase("rule-id:path/x.env:0123456789ABCDEF", ExpectedResult = false, TestName = "IsFingerprint_UpperCaseHex_IsRefused")]
    [TestCase("rule-id:path/x.env:0123456789abcde", ExpectedResult = false, TestName = "IsFingerprint_FifteenDigits_IsRefused")]
    [TestCase("rule-id:path/x.env:0123456789abcdef0", ExpectedResult = false, TestName = "IsFingerprint_SeventeenDigits_IsRefused")]
    [TestCase("rule-id:path/x.env:0123456789abcdeg", ExpectedResult = false, TestName = "IsFingerprint_NonHexDigit_IsRefused")]
    [TestCase("rule-id:path/x.env", ExpectedResult = false, TestName = "IsFingerprint_NoHash_IsRefused")]
    [TestCase("rule-id::" + Hash, ExpectedResult = false, TestName = "IsFingerprint_EmptyPath_IsRefused")]
    [TestCase("rule-id:" + Hash, ExpectedResult = false, TestName = "IsFingerprint_NoPath_IsRefused")]
    [TestCase(":path/x.env:" + Hash, ExpectedResult = false, TestName = "IsFingerprint_EmptyRuleId_IsRefused")]
    [TestCase("rule:path/x.env:" + Hash, ExpectedResult = false, TestName = "IsFingerprint_RuleIdWithoutDash_IsRefused")]
    [TestCase("Rule-Id:path/x.env:" + Hash, ExpectedResult = false, TestName = "IsFingerprint_UpperCaseRuleId_IsRefused")]
    [TestCase("rule-id:path/x.env:" + Hash + " ", ExpectedResult = false, TestName = "IsFingerprint_TrailingSpace_IsRefused")]
    [TestCase("", ExpectedResult = false, TestName = "IsFingerprint_Empty_IsRefused")]
    [TestCase("rule-id:path/x\tb.env:" + Hash, ExpectedResult = false, TestName = "IsFingerprint_TabInPath_IsRefused")]
    [TestCase("rule-id:path/x\nb.env:" + Hash, ExpectedResult = false, TestName = "IsFingerprint_NewlineInPath_IsRefused")]
    [TestCase("rule-id:path/x\u001bb.env:" + Hash, ExpectedResult = false, TestName = "IsFingerprint_EscapeInPath_IsRefused")]
    [TestCase("rule-id:path/x\u007fb.env:" + Hash, ExpectedResult = false, TestName = "IsFingerprint_DeleteInPath_IsRefused")]
    [TestCase("rule-id:path/x\0b.env:" + Hash, ExpectedResult = false, TestName = "IsFingerprint_NulInPath_IsRefused")]
    public bool IsFingerprint_Text_IsTrueOnlyForTheContractShape(string fingerprint) => FingerprintFile.IsFingerprint(fingerprint);

    [TestCase("rule-id:path/x.env:" + Hash, "rule-id")]
    [TestCase("aws-access-key-id:a:b:c.env:" + Hash, "aws-access-key-id")]
    public void RuleId_WellFormedFingerprint_IsThePartBeforeTheFirstColon(string fingerprint, string ruleId)
    {
        Assert.That(FingerprintFile.RuleId(fingerprint), Is.EqualTo(ruleId));
    }
}
