using HookGuard.Detectors;
using HookGuard.TestKit;

namespace HookGuard.Hooks.Tests;

/// <summary>Installing pre-commit and pre-push together: one decision for both, before anything is written.</summary>
[TestFixture]
public sealed class HookInstallerAllHooksTests
{
    // pre-commit first, so the refusal for pre-push comes after pre-commit was already judged fine.
    private static readonly HookKind[] BothHooks = [HookKind.PreCommit, HookKind.PrePush];

    private static readonly byte[] ForeignPrePush = "#!/bin/sh\necho my pre-push\n"u8.ToArray();
    private const UnixFileMode ForeignMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private TempRepository _repository = null!;
    private HookInstaller _installer = null!;

    private string HooksDirectory => Path.Combine(_repository.Root, ".git", "hooks");

    private string PreCommitPath => Path.Combine(HooksDirectory, "pre-commit");

    private string PrePushPath => Path.Combine(HooksDirectory, "pre-push");

    [SetUp]
    public void SetUp()
    {
        _repository = TempRepository.Create();
        _installer = new HookInstaller(_repository.Environment);
    }

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void Install_BothHooks_CreatesBothScripts()
    {
        var outcomes = _installer.Install(_repository.Root, BothHooks, force: false).Hooks;

        Assert.That(outcomes, Is.EqualTo(new[]
        {
            new HookInstallOutcome(HookKind.PreCommit, PreCommitPath, HookInstallAction.Created, null),
            new HookInstallOutcome(HookKind.PrePush, PrePushPath, HookInstallAction.Created, null),
        }));
        Assert.That(File.ReadAllBytes(PreCommitPath), Is.EqualTo(HookTemplates.Template(HookKind.PreCommit).ToArray()));
        Assert.That(File.ReadAllBytes(PrePushPath), Is.EqualTo(HookTemplates.Template(HookKind.PrePush).ToArray()));
        Assert.That(_installer.Status(_repository.Root, BothHooks).Hooks.Select(state => state.Kind), Is.All.EqualTo(HookStateKind.Current));
    }

    [Test]
    public void Install_ForeignPrePushWhoseChainedNameIsTaken_WritesNothingAtAll()
    {
        TestFiles.WriteWithMode(PrePushPath, ForeignPrePush, ForeignMode);
        TestFiles.WriteWithMode(PrePushPath + HookInstaller.ChainedSuffix, "#!/bin/sh\n"u8.ToArray(), ForeignMode);
        var before = Snapshot();

        var exception = Assert.Throws<HookGuardUsageException>(() => _installer.Install(_repository.Root, BothHooks, force: false));

        Assert.That(exception!.Message, Does.Contain(PrePushPath));
        Assert.That(File.Exists(PreCommitPath), Is.False, "pre-commit must not be written when pre-push is refused");
        Assert.That(Snapshot(), Is.EqualTo(before));
        Assert.That(TestFiles.ModeOf(PrePushPath), Is.EqualTo(OperatingSystem.IsWindows() ? null : ForeignMode));
    }

    [Test]
    public void Install_ForeignPrePushWithForce_BacksUpOnlyThePrePush()
    {
        TestFiles.WriteWithMode(PrePushPath, ForeignPrePush, ForeignMode);

        var outcomes = _installer.Install(_repository.Root, BothHooks, force: true).Hooks;

        Assert.That(outcomes, Is.EqualTo(new[]
        {
            new HookInstallOutcome(HookKind.PreCommit, PreCommitPath, HookInstallAction.Created, null),
            new HookInstallOutcome(HookKind.PrePush, PrePushPath, HookInstallAction.Replaced, PrePushPath + HookInstaller.BackupSuffix),
        }));
        Assert.That(File.ReadAllBytes(PrePushPath + HookInstaller.BackupSuffix), Is.EqualTo(ForeignPrePush));
        Assert.That(File.Exists(PreCommitPath + HookInstaller.BackupSuffix), Is.False);
        Assert.That(File.ReadAllBytes(PrePushPath), Is.EqualTo(HookTemplates.Template(HookKind.PrePush).ToArray()));
    }

    [Test]
    public void Uninstall_BothAfterForcedInstall_RestoresForeignPrePushAndRemovesPreCommit()
    {
        TestFiles.WriteWithMode(PrePushPath, ForeignPrePush, ForeignMode);
        var before = Snapshot();
        _installer.Install(_repository.Root, BothHooks, force: true);

        var outcomes = _installer.Uninstall(_repository.Root, BothHooks).Hooks;

        Assert.That(outcomes, Is.EqualTo(new[]
        {
            new HookRemoveOutcome(HookKind.PreCommit, PreCommitPath, HookRemoveAction.Removed),
            new HookRemoveOutcome(HookKind.PrePush, PrePushPath, HookRemoveAction.Restored),
        }));
        Assert.That(Snapshot(), Is.EqualTo(before));
        Assert.That(TestFiles.ModeOf(PrePushPath), Is.EqualTo(OperatingSystem.IsWindows() ? null : ForeignMode));
    }

    [Test]
    public void Status_OnlyPreCommitInstalled_ReportsPrePushMissing()
    {
        _installer.Install(_repository.Root, [HookKind.PreCommit], force: false);

        Assert.That(_installer.Status(_repository.Root, BothHooks).Hooks, Is.EqualTo(new[]
        {
            new HookState(HookKind.PreCommit, PreCommitPath, HookStateKind.Current, null),
            new HookState(HookKind.PrePush, PrePushPath, HookStateKind.Missing, null),
        }));
    }

    /// <summary>Every entry of the hooks directory with its bytes, in name order.</summary>
    private string[] Snapshot() =>
        [.. Directory.GetFiles(HooksDirectory).Order(StringComparer.Ordinal)
            .Select(path => $"{Path.GetFileName(path)}: {Convert.ToHexString(File.ReadAllBytes(path))}")];
}
