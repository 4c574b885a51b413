using HookGuard.Detectors;
using HookGuard.TestKit;

namespace HookGuard.Hooks.Tests;

/// <summary>Every installer rule, once per hook kind. Installing several kinds at once: <see cref="HookInstallerAllHooksTests"/>.</summary>
[TestFixture(HookKind.PreCommit)]
[TestFixture(HookKind.PrePush)]
public sealed class HookInstallerTests(HookKind hook)
{
    // A hook the user wrote: CRLF, a byte that is not UTF-8, and a mode that is not ours.
    private static readonly byte[] ForeignHook = [.. "#!/bin/sh\r\necho mine\r\n"u8, 0xff, (byte)'\n'];
    private const UnixFileMode ForeignMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private TempRepository _repository = null!;
    private HookInstaller _installer = null!;

    private HookKind[] Hooks => [hook];

    private string Name => HookInstaller.HookName(hook);

    private string HookPath => Path.Combine(_repository.Root, ".git", "hooks", Name);

    private string BackupPath => HookPath + HookInstaller.BackupSuffix;

    private string ChainedPath => HookPath + HookInstaller.ChainedSuffix;

    private byte[] Template => HookTemplates.Template(hook).ToArray();

    /// <summary>A script an older HookGuard could have written: it has the marker line, but not today's text.</summary>
    private byte[] OlderScript => System.Text.Encoding.UTF8.GetBytes($"#!/bin/sh\n{HookInstaller.Marker} {Name}\nexec hookguard scan staged\n");

    [SetUp]
    public void SetUp()
    {
        _repository = TempRepository.Create();
        _installer = new HookInstaller(_repository.Environment);
    }

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void Install_FreshRepository_CreatesExecutableScript()
    {
        var outcomes = _installer.Install(_repository.Root, Hooks, force: false).Hooks;

        Assert.That(outcomes, Is.EqualTo(new[] { new HookInstallOutcome(hook, HookPath, HookInstallAction.Created, null) }));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(Template));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(HookPath), Is.EqualTo(TestFiles.Executable));
        }
    }

    [Test]
    public void Install_OlderScriptWithMode0600_BecomesExecutable0755()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix file modes only");
            return;
        }

        // An existing older script with mode 0600 is replaced by a 0755 one.
        TestFiles.WriteWithMode(HookPath, OlderScript, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        _installer.Install(_repository.Root, Hooks, force: false);

        Assert.That(File.GetUnixFileMode(HookPath), Is.EqualTo(TestFiles.Executable));
    }

    [Test]
    public void Install_HooksDirectoryMissing_CreatesIt()
    {
        Directory.Delete(Path.GetDirectoryName(HookPath)!, recursive: true);

        var outcome = _installer.Install(_repository.Root, Hooks, force: false).Hooks.Single();

        Assert.That(outcome.Action, Is.EqualTo(HookInstallAction.Created));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(Template));
    }

    [Test]
    public void Install_SecondTime_IsUnchangedAndLeavesFileUntouched()
    {
        _installer.Install(_repository.Root, Hooks, force: false);
        var longAgo = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(HookPath, longAgo);

        var outcome = _installer.Install(_repository.Root, Hooks, force: false).Hooks.Single();

        Assert.That(outcome, Is.EqualTo(new HookInstallOutcome(hook, HookPath, HookInstallAction.Unchanged, null)));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(Template));
        Assert.That(File.GetLastWriteTimeUtc(HookPath), Is.EqualTo(longAgo));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(HookPath)!, $"*{Name}*").Where(path => !path.EndsWith(".sample", StringComparison.Ordinal)), Is.EqualTo(new[] { HookPath }));
    }

    [Test]
    public void Install_CurrentScriptNotExecutable_IsUpdatedToExecutable()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix file modes only");
            return;
        }

        _installer.Install(_repository.Root, Hooks, force: false);
        File.SetUnixFileMode(HookPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.That(_installer.Status(_repository.Root, Hooks).Hooks.Single().Kind, Is.EqualTo(HookStateKind.NotExecutable));

        var outcome = _installer.Install(_repository.Root, Hooks, force: false).Hooks.Single();

        Assert.That(outcome.Action, Is.EqualTo(HookInstallAction.Updated));
        Assert.That(File.GetUnixFileMode(HookPath), Is.EqualTo(TestFiles.Executable));
        Assert.That(_installer.Status(_repository.Root, Hooks).Hooks.Single().Kind, Is.EqualTo(HookStateKind.Current));
    }

    [Test]
    public void Install_OlderHookGuardScript_IsUpdated()
    {
        TestFiles.WriteWithMode(HookPath, OlderScript, TestFiles.Executable);

        var outcome = _installer.Install(_repository.Root, Hooks, force: false).Hooks.Single();

        Assert.That(outcome.Action, Is.EqualTo(HookInstallAction.Updated));
        Assert.That(outcome.KeptPath, Is.Null);
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(Template));
        Assert.That(File.Exists(BackupPath), Is.False);
    }

    [Test]
    public void Install_ForeignHookWithoutForce_ChainsItByteForByte()
    {
        TestFiles.WriteWithMode(HookPath, ForeignHook, ForeignMode);

        var outcome = _installer.Install(_repository.Root, Hooks, force: false).Hooks.Single();

        Assert.That(outcome, Is.EqualTo(new HookInstallOutcome(hook, HookPath, HookInstallAction.Chained, ChainedPath)));
        Assert.That(File.ReadAllBytes(ChainedPath), Is.EqualTo(ForeignHook));
        Assert.That(TestFiles.ModeOf(ChainedPath), Is.EqualTo(OperatingSystem.IsWindows() ? null : ForeignMode));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(Template));
        Assert.That(File.Exists(BackupPath), Is.False);
        Assert.That(_installer.Status(_repository.Root, Hooks).Hooks.Single().ChainedPath, Is.EqualTo(ChainedPath));
    }

    [Test]
    public void Install_ForeignHookAndChainedNameTaken_RefusesAndChangesNothing()
    {
        TestFiles.WriteWithMode(HookPath, ForeignHook, ForeignMode);
        var other = "#!/bin/sh\necho other\n"u8.ToArray();
        TestFiles.WriteWithMode(ChainedPath, other, ForeignMode);

        var exception = Assert.Throws<HookGuardUsageException>(() => _installer.Install(_repository.Root, Hooks, force: false));

        Assert.That(exception!.Message, Does.Contain(ChainedPath));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(ForeignHook));
        Assert.That(File.ReadAllBytes(ChainedPath), Is.EqualTo(other));
    }

    [Test]
    public void Uninstall_AfterChainedInstall_RestoresForeignHookByteForByte()
    {
        TestFiles.WriteWithMode(HookPath, ForeignHook, ForeignMode);
        _installer.Install(_repository.Root, Hooks, force: false);

        var outcome = _installer.Uninstall(_repository.Root, Hooks).Hooks.Single();

        Assert.That(outcome.Action, Is.EqualTo(HookRemoveAction.Restored));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(ForeignHook));
        Assert.That(TestFiles.ModeOf(HookPath), Is.EqualTo(OperatingSystem.IsWindows() ? null : ForeignMode));
        Assert.That(File.Exists(ChainedPath), Is.False);
    }

    [Test]
    public void Install_ForeignHookWithForce_KeepsItAsBackupByteForByte()
    {
        TestFiles.WriteWithMode(HookPath, ForeignHook, ForeignMode);

        var outcome = _installer.Install(_repository.Root, Hooks, force: true).Hooks.Single();

        Assert.That(outcome, Is.EqualTo(new HookInstallOutcome(hook, HookPath, HookInstallAction.Replaced, BackupPath)));
        Assert.That(File.ReadAllBytes(BackupPath), Is.EqualTo(ForeignHook));
        Assert.That(TestFiles.ModeOf(BackupPath), Is.EqualTo(OperatingSystem.IsWindows() ? null : ForeignMode));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(Template));
    }

    [Test]
    public void Install_ForeignHookAndBackupBothExist_RefusesEvenWithForce()
    {
        TestFiles.WriteWithMode(HookPath, ForeignHook, ForeignMode);
        var olderBackup = "#!/bin/sh\necho older\n"u8.ToArray();
        TestFiles.WriteWithMode(BackupPath, olderBackup, ForeignMode);

        var exception = Assert.Throws<HookGuardUsageException>(() => _installer.Install(_repository.Root, Hooks, force: true));

        Assert.That(exception!.Message, Does.Contain(BackupPath));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(ForeignHook));
        Assert.That(File.ReadAllBytes(BackupPath), Is.EqualTo(olderBackup));
    }

    [Test]
    public void Install_ForcedTwice_KeepsTheFirstBackup()
    {
        TestFiles.WriteWithMode(HookPath, ForeignHook, ForeignMode);
        _installer.Install(_repository.Root, Hooks, force: true);

        var outcome = _installer.Install(_repository.Root, Hooks, force: true).Hooks.Single();

        Assert.That(outcome.Action, Is.EqualTo(HookInstallAction.Unchanged));
        Assert.That(File.ReadAllBytes(BackupPath), Is.EqualTo(ForeignHook));
    }

    [Test]
    public void Install_DanglingSymlinkHook_IsTreatedAsForeign()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("symbolic links need privileges on Windows");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(HookPath)!);
        File.CreateSymbolicLink(HookPath, Path.Combine(_repository.Root, "missing-hook"));

        var outcome = _installer.Install(_repository.Root, Hooks, force: true).Hooks.Single();

        Assert.That(outcome.Action, Is.EqualTo(HookInstallAction.Replaced));
        Assert.That(new FileInfo(BackupPath).LinkTarget, Is.EqualTo(Path.Combine(_repository.Root, "missing-hook")));
    }

    [Test]
    public void Uninstall_AfterForcedInstall_RestoresForeignHookByteForByte()
    {
        TestFiles.WriteWithMode(HookPath, ForeignHook, ForeignMode);
        _installer.Install(_repository.Root, Hooks, force: true);

        var outcome = _installer.Uninstall(_repository.Root, Hooks).Hooks.Single();

        Assert.That(outcome, Is.EqualTo(new HookRemoveOutcome(hook, HookPath, HookRemoveAction.Restored)));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(ForeignHook));
        Assert.That(TestFiles.ModeOf(HookPath), Is.EqualTo(OperatingSystem.IsWindows() ? null : ForeignMode));
        Assert.That(File.Exists(BackupPath), Is.False);
    }

    [Test]
    public void Uninstall_OurHookOnly_RemovesIt()
    {
        _installer.Install(_repository.Root, Hooks, force: false);

        var outcome = _installer.Uninstall(_repository.Root, Hooks).Hooks.Single();

        Assert.That(outcome.Action, Is.EqualTo(HookRemoveAction.Removed));
        Assert.That(File.Exists(HookPath), Is.False);
    }

    [Test]
    public void Uninstall_OlderHookGuardScript_RemovesIt()
    {
        TestFiles.WriteWithMode(HookPath, OlderScript, TestFiles.Executable);

        var outcome = _installer.Uninstall(_repository.Root, Hooks).Hooks.Single();

        Assert.That(outcome.Action, Is.EqualTo(HookRemoveAction.Removed));
        Assert.That(File.Exists(HookPath), Is.False);
    }

    [Test]
    public void Uninstall_ForeignHook_LeavesItAlone()
    {
        TestFiles.WriteWithMode(HookPath, ForeignHook, ForeignMode);
        var before = File.GetLastWriteTimeUtc(HookPath);

        var outcome = _installer.Uninstall(_repository.Root, Hooks).Hooks.Single();

        Assert.That(outcome.Action, Is.EqualTo(HookRemoveAction.NotOurs));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(ForeignHook));
        Assert.That(File.GetLastWriteTimeUtc(HookPath), Is.EqualTo(before));
    }

    [Test]
    public void Uninstall_NothingInstalled_ReportsNotInstalledAndCreatesNothing()
    {
        Directory.Delete(Path.GetDirectoryName(HookPath)!, recursive: true);

        var outcome = _installer.Uninstall(_repository.Root, Hooks).Hooks.Single();

        Assert.That(outcome, Is.EqualTo(new HookRemoveOutcome(hook, HookPath, HookRemoveAction.NotInstalled)));
        Assert.That(Directory.Exists(Path.GetDirectoryName(HookPath)), Is.False);
    }

    [Test]
    public void Uninstall_OurScriptDeletedByHand_StillRestoresBackup()
    {
        TestFiles.WriteWithMode(HookPath, ForeignHook, ForeignMode);
        _installer.Install(_repository.Root, Hooks, force: true);
        File.Delete(HookPath);

        var outcome = _installer.Uninstall(_repository.Root, Hooks).Hooks.Single();

        Assert.That(outcome.Action, Is.EqualTo(HookRemoveAction.Restored));
        Assert.That(File.ReadAllBytes(HookPath), Is.EqualTo(ForeignHook));
    }

    [Test]
    public void InstallThenUninstall_FreshRepository_LeavesHooksDirectoryAsBefore()
    {
        var hooksDirectory = Path.GetDirectoryName(HookPath)!;
        var before = Directory.GetFileSystemEntries(hooksDirectory).Order(StringComparer.Ordinal).ToArray();

        _installer.Install(_repository.Root, Hooks, force: false);
        _installer.Uninstall(_repository.Root, Hooks);

        Assert.That(Directory.GetFileSystemEntries(hooksDirectory).Order(StringComparer.Ordinal), Is.EqualTo(before));
    }

    [Test]
    public void Status_NothingInstalled_ReportsMissing() =>
        Assert.That(_installer.Status(_repository.Root, Hooks).Hooks,
            Is.EqualTo(new[] { new HookState(hook, HookPath, HookStateKind.Missing, null) }));

    [Test]
    public void Status_AfterInstall_ReportsOursAndCurrent()
    {
        _installer.Install(_repository.Root, Hooks, force: false);

        Assert.That(_installer.Status(_repository.Root, Hooks).Hooks.Single(),
            Is.EqualTo(new HookState(hook, HookPath, HookStateKind.Current, null)));
    }

    [Test]
    public void Status_OlderHookGuardScript_ReportsOursNotCurrent()
    {
        TestFiles.WriteWithMode(HookPath, OlderScript, TestFiles.Executable);

        Assert.That(_installer.Status(_repository.Root, Hooks).Hooks.Single(),
            Is.EqualTo(new HookState(hook, HookPath, HookStateKind.Outdated, null)));
    }

    [Test]
    public void Status_ForeignHook_ReportsNotOurs()
    {
        TestFiles.WriteWithMode(HookPath, ForeignHook, ForeignMode);

        Assert.That(_installer.Status(_repository.Root, Hooks).Hooks.Single(),
            Is.EqualTo(new HookState(hook, HookPath, HookStateKind.Foreign, null)));
    }

    [Test]
    public void Install_RealGitCommandWithSkip_RunsInstalledHook()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("runs the hook through git's sh");
        }

        _installer.Install(_repository.Root, Hooks, force: false);
        _repository.SetEnvironment("HOOKGUARD_SKIP", "1");

        var result = HookedGit.Run(_repository, hook);

        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        Assert.That(result.StandardError, Does.Contain($"HOOKGUARD_SKIP=1, {Name} scan skipped"));
    }
}
