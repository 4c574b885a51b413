using HookGuard.Detectors;
using HookGuard.Detectors.Catalog;
using HookGuard.Detectors.Engine;

namespace HookGuard.Config.Tests;

[TestFixture]
public sealed class ScanPolicyTests : TempFolderFixture
{
    private static Finding Finding(string path, int seed, Allowance? allowedBy = null)
    {
        var rule = Samples.BuiltIn.Find("circleci-personal-api-token")!;
        var token = Samples.Token(rule, seed);
        return new Finding(rule, path, 1, 1, null, SecretText.Redact(token), SecretText.Hash(token)) { SecretLength = token.Length, AllowedBy = allowedBy };
    }

    private ScanPolicy Load(string? configOption = null, string? baselineOption = null, bool applyBaseline = true) =>
        ScanPolicy.Load(Folder.PathOf("repo"), configOption, baselineOption, Samples.BuiltIn, applyBaseline);

    [Test]
    public void Apply_EachWayOfAllowing_GivesItsReasonAndTheRestBlock()
    {
        var inline = Finding("a.env", 1, Allowance.InlineComment);
        var allowList = Finding("b.env", 2, Allowance.AllowList);
        var ignored = Finding("c.env", 3);
        var baselined = Finding("d.env", 4);
        var both = Finding("e.env", 5);
        var blocking = Finding("f.env", 6);
        Folder.Write($"repo/{FingerprintFile.IgnoreFileName}", $"{ignored.Fingerprint}  # fixture\n{both.Fingerprint}\n{inline.Fingerprint}\n");
        Folder.Write("repo/.hookguard-baseline", $"{baselined.Fingerprint}\n{both.Fingerprint}\n{allowList.Fingerprint}\n");
        var policy = Load(baselineOption: Folder.PathOf("repo/.hookguard-baseline"));

        var (blocks, allowed) = policy.Apply([inline, allowList, ignored, baselined, both, blocking]);

        Assert.That(blocks, Is.EqualTo(new[] { blocking }));
        Assert.That(allowed.Select(f => (f.Path, f.AllowedBy)), Is.EqualTo(new (string, Allowance?)[]
        {
            ("a.env", Allowance.InlineComment), ("b.env", Allowance.AllowList), ("c.env", Allowance.IgnoreFile),
            ("d.env", Allowance.Baseline), ("e.env", Allowance.IgnoreFile),
        }));
        Assert.That(allowed[2] with { AllowedBy = null }, Is.EqualTo(ignored), "only the reason is added");
    }

    [Test]
    public void Apply_NothingConfigured_EveryFindingBlocks()
    {
        var findings = new[] { Finding("a.env", 1), Finding("b.env", 2) };

        var (blocks, allowed) = ScanPolicy.None(Folder.Root).Apply(findings);

        Assert.That((blocks, allowed), Is.EqualTo((findings.ToList(), new List<Finding>())));
    }

    [Test]
    public void Apply_FingerprintOfAnotherPath_StillBlocks()
    {
        var finding = Finding("app/a.env", 1);
        Folder.Write($"repo/{FingerprintFile.IgnoreFileName}", finding.Fingerprint.Replace("app/a.env", "app/b.env", StringComparison.Ordinal) + "\n");

        Assert.That(Load().Apply([finding]).Blocking, Has.Count.EqualTo(1));
    }

    [Test]
    public void Load_NoFiles_IsEmptyWithTheIgnoreFileAtTheRoot()
    {
        Folder.Folder("repo");
        Assume.That(ConfigLoader.Find(Path.GetTempPath()), Is.Null, "a config above the temp folder would be found by every test");

        var policy = Load();

        Assert.That(policy.Config, Is.SameAs(HookGuardConfig.None));
        Assert.That(policy.IgnorePath, Is.EqualTo(Folder.PathOf($"repo/{FingerprintFile.IgnoreFileName}")));
        Assert.That((policy.Ignored.Count, policy.BaselinePath, policy.Baseline.Count), Is.EqualTo((0, (string?)null, 0)));
    }

    [Test]
    public void Load_ConfigNamesABaseline_ItIsApplied()
    {
        var finding = Finding("a.env", 1);
        var baseline = Folder.Write("repo/ci/baseline.txt", finding.Fingerprint + "\n");
        Folder.Write($"repo/{HookGuardConfig.FileName}", """{ "baseline": "ci/baseline.txt" }""");

        var policy = Load();

        Assert.That((policy.BaselinePath, policy.Baseline.Single()), Is.EqualTo((baseline, finding.Fingerprint)));
        Assert.That(policy.Apply([finding]).Allowed.Single().AllowedBy, Is.EqualTo(Allowance.Baseline));
    }

    [Test]
    public void Load_BaselineOptionAndConfigBaseline_TheOptionWins()
    {
        var fromConfig = Finding("a.env", 1);
        var fromOption = Finding("b.env", 2);
        Folder.Write("repo/ci/baseline.txt", fromConfig.Fingerprint + "\n");
        Folder.Write($"repo/{HookGuardConfig.FileName}", """{ "baseline": "ci/baseline.txt" }""");
        var option = Folder.Write("elsewhere/baseline", fromOption.Fingerprint + "\n");

        var policy = Load(baselineOption: option);

        Assert.That(policy.BaselinePath, Is.EqualTo(option));
        Assert.That(policy.Apply([fromConfig, fromOption]).Blocking.Single(), Is.EqualTo(fromConfig));
    }

    [Test]
    public void Load_ApplyBaselineFalse_LeavesEveryBaselineOut()
    {
        var finding = Finding("a.env", 1);
        Folder.Write("repo/ci/baseline.txt", finding.Fingerprint + "\n");
        Folder.Write($"repo/{HookGuardConfig.FileName}", """{ "baseline": "ci/baseline.txt" }""");
        var option = Folder.Write("elsewhere/baseline", finding.Fingerprint + "\n");

        var fromConfig = Load(applyBaseline: false);
        var fromOption = Load(baselineOption: option, applyBaseline: false);

        Assert.That((fromConfig.BaselinePath, fromConfig.Baseline.Count, fromOption.BaselinePath, fromOption.Baseline.Count),
            Is.EqualTo(((string?)null, 0, (string?)null, 0)));
        Assert.That(fromConfig.Apply([finding]).Blocking, Has.Count.EqualTo(1));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Load_BaselineOptionThatDoesNotExist_IsAUsageErrorNamingIt(bool applyBaseline)
    {
        Folder.Folder("repo");
        var missing = Folder.PathOf("nowhere/baseline");

        var exception = Assert.Throws<HookGuardUsageException>(() => Load(baselineOption: missing, applyBaseline: applyBaseline));

        Assert.That(exception!.Message, Is.EqualTo($"baseline file not found: {missing}"));
    }

    [Test]
    public void Load_ConfigOptionThatDoesNotExist_IsAUsageErrorNamingIt()
    {
        Folder.Folder("repo");
        var missing = Folder.PathOf("nowhere/hookguard.json");

        var exception = Assert.Throws<HookGuardUsageException>(() => Load(configOption: missing));

        Assert.That(exception!.Message, Is.EqualTo($"config file not found: {missing}"));
    }

    [Test]
    public void Load_ConfigInAFolderAboveTheRoot_IsFoundAndItsBaselineIsRelativeToIt()
    {
        var finding = Finding("a.env", 1);
        var baseline = Folder.Write("known.txt", finding.Fingerprint + "\n");
        Folder.Write(HookGuardConfig.FileName, """{ "baseline": "known.txt" }""");
        Folder.Folder("repo");

        Assert.That(Load().BaselinePath, Is.EqualTo(baseline));
    }

    [Test]
    public void Load_MalformedIgnoreFile_IsAUsageErrorNamingItsLine()
    {
        var ignore = Folder.Write($"repo/{FingerprintFile.IgnoreFileName}", "# ok\nnot a fingerprint\n");

        var exception = Assert.Throws<HookGuardUsageException>(() => Load());

        Assert.That(exception!.Message, Does.StartWith($"{ignore}:2: ").Using(StringComparison.Ordinal));
    }
}
