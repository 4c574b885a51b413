using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

[Category("EndToEnd")]
public class InstallCommandTests
{
    private TempRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    private ProcessResult HookGuard(params string[] args) => Tool.Run(_repo.Root, args, environment: _repo.Environment);

    [Test]
    public void Install_Twice_SecondRunChangesNothing()
    {
        Assert.That(HookGuard("install").ExitCode, Is.Zero);
        var hook = Path.Combine(_repo.Root, ".git", "hooks", "pre-commit");
        var bytes = File.ReadAllBytes(hook);
        var written = File.GetLastWriteTimeUtc(hook);

        var second = HookGuard("install");

        Assert.That(second.ExitCode, Is.Zero);
        Assert.That(second.StandardOutput, Does.Contain("already installed and current"));
        Assert.That(File.ReadAllBytes(hook), Is.EqualTo(bytes));
        Assert.That(File.GetLastWriteTimeUtc(hook), Is.EqualTo(written));
    }

    [Test]
    public void Install_ForeignHookWhoseChainedNameIsTaken_RefusesWithExit2AndLeavesBothAlone()
    {
        var hook = _repo.Write(".git/hooks/pre-commit", "#!/bin/sh\necho mine\n");
        var kept = _repo.Write(".git/hooks/pre-commit.hookguard-chained", "#!/bin/sh\necho older\n");

        var result = HookGuard("install");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.StandardError, Does.Contain("not HookGuard's").And.Contain(kept));
        Assert.That(File.ReadAllText(hook), Is.EqualTo("#!/bin/sh\necho mine\n"));
        Assert.That(File.ReadAllText(kept), Is.EqualTo("#!/bin/sh\necho older\n"));
        Assert.That(File.Exists(Path.Combine(_repo.Root, ".git", "hooks", "pre-push")), Is.False, "a refusal writes nothing");
    }

    [Test]
    public void Install_ForeignHookWithForce_ReplacesAndKeepsBackup_UninstallRestores()
    {
        _repo.Write(".git/hooks/pre-commit", "#!/bin/sh\necho mine\n");

        var install = HookGuard("install", "--force");
        var uninstall = HookGuard("uninstall");

        Assert.That(install.StandardOutput, Does.Contain("pre-commit.hookguard-backup"));
        Assert.That(uninstall.StandardOutput, Does.Contain("restored"));
        Assert.That(File.ReadAllText(Path.Combine(_repo.Root, ".git", "hooks", "pre-commit")), Is.EqualTo("#!/bin/sh\necho mine\n"));
    }

    [Test]
    public void Install_CoreHooksPathSet_WritesWhereGitLooksAndBlocks()
    {
        _repo.Git("config", "core.hooksPath", "team-hooks");
        Tool.PutOnPath(_repo);

        var install = HookGuard("install");
        _repo.Write("a.env", $"INTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token")}\n");
        _repo.Stage("a.env");

        Assert.That(install.StandardOutput, Does.Contain(Path.Combine("team-hooks", "pre-commit")));
        Assert.That(HookRun.Git(_repo, "commit", "-m", "x").ExitCode, Is.Not.Zero);
    }

    [Test]
    public void Status_BeforeAndAfterInstall_ExitOneThenZero()
    {
        Tool.PutOnPath(_repo);
        Assert.That(HookGuard("status").ExitCode, Is.EqualTo(1));
        HookGuard("install");
        Assert.That(HookGuard("status").ExitCode, Is.Zero);
    }

    [Test]
    public void Install_NotARepository_Exit3OneLineAndNothingWritten()
    {
        var directory = Directory.CreateTempSubdirectory("hookguard-norepo-").FullName;
        try
        {
            var result = Tool.Run(directory, ["install"], environment: _repo.Environment);

            Assert.That(result.ExitCode, Is.EqualTo(3));
            Assert.That(result.StandardError, Does.StartWith("hookguard: error: not a git repository"));
            Assert.That(result.StandardError, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(Directory.EnumerateFileSystemEntries(directory), Is.Empty);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Install_UnknownHook_Exit2()
    {
        Assert.That(HookGuard("install", "--hook", "post-merge").ExitCode, Is.EqualTo(2));
    }
}
