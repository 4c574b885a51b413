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

    /// <summary>The names of the files in git's hooks directory, git's own *.sample files left out, sorted, space-separated.</summary>
    private string InstalledHooks() =>
        string.Join(' ', Directory.EnumerateFiles(Path.Combine(_repo.Root, ".git", "hooks"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.EndsWith(".sample", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    /// <summary>
    /// Installs with <paramref name="installArguments"/>, then tries a commit holding a token and a push of a commit
    /// holding one (made without hooks, to reach pre-push whatever pre-commit does): whether each was refused.
    /// </summary>
    private (bool CommitBlocked, bool PushBlocked) InstallThenCommitAndPushTokens(params string[] installArguments)
    {
        Tool.PutOnPath(_repo);
        var remote = _repo.AddBareRemote();
        _repo.Write("README.md", "hello\n");
        _repo.Stage("README.md");
        _repo.Commit("initial");
        Assert.That(_repo.Git("push", "-q", "origin", "main").ExitCode, Is.Zero);
        var install = HookGuard(["install", .. installArguments]);
        Assert.That(install.ExitCode, Is.Zero, install.StandardError);

        _repo.Write("commit.env", $"INTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token", 1)}\n");
        _repo.Stage("commit.env");
        var commit = HookRun.Git(_repo, "commit", "-q", "-m", "token at commit");
        if (commit.ExitCode != 0)
        {
            _repo.Commit("token at commit, committed without hooks");
        }

        var push = HookRun.Git(_repo, "push", "-q", "origin", "main");
        var pushed = remote.Git("rev-parse", "refs/heads/main").StandardOutput.Trim() == _repo.Git("rev-parse", "HEAD").StandardOutput.Trim();
        Assert.That(pushed, Is.EqualTo(push.ExitCode == 0), "a refused push reaches nothing, a passed one everything");
        return (commit.ExitCode != 0, push.ExitCode != 0);
    }

    [Test]
    public void InstallHookPreCommit_CommitAndPush_WritesOnlyPreCommitAndGuardsOnlyCommits()
    {
        var (commitBlocked, pushBlocked) = InstallThenCommitAndPushTokens("--hook", "pre-commit");

        Assert.That(InstalledHooks(), Is.EqualTo("pre-commit"));
        Assert.That(commitBlocked, Is.True, "the commit is guarded");
        Assert.That(pushBlocked, Is.False, "no pre-push hook, so the push is not");
    }

    [Test]
    public void InstallHookPrePush_CommitAndPush_WritesOnlyPrePushAndGuardsOnlyPushes()
    {
        var (commitBlocked, pushBlocked) = InstallThenCommitAndPushTokens("--hook", "pre-push");

        Assert.That(InstalledHooks(), Is.EqualTo("pre-push"));
        Assert.That(commitBlocked, Is.False, "no pre-commit hook, so the commit is not guarded");
        Assert.That(pushBlocked, Is.True, "the push is");
    }

    [TestCase("all")]
    [TestCase(null)]
    public void InstallHookAllOrDefault_CommitAndPush_WritesBothHooksAndGuardsBoth(string? hook)
    {
        var (commitBlocked, pushBlocked) = InstallThenCommitAndPushTokens(hook is null ? [] : ["--hook", hook]);

        Assert.That(InstalledHooks(), Is.EqualTo("pre-commit pre-push"));
        Assert.That(commitBlocked, Is.True, "the commit is guarded");
        Assert.That(pushBlocked, Is.True, "the push is guarded");
    }

    [Test]
    public void Install_UnknownHook_Exit2()
    {
        Assert.That(HookGuard("install", "--hook", "post-merge").ExitCode, Is.EqualTo(2));
    }
}
