using HookGuard.Cli.Tests.EndToEnd;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests;

/// <summary>
/// <c>git config hookguard.maxFileSize</c> in every scan of a repository. A 2 KB file holding a token stands for a file
/// too large to read: with a 1 KB limit it is skipped, and the hooks name it even when they let the operation through.
/// </summary>
public class MaxFileSizeCommandTests
{
    private const string Notice = "hookguard: skipped 1 file over the 1 KB limit (hookguard.maxFileSize): data/big.env\n";

    private TempRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    /// <summary>Runs the scan in the repository, asserting that it changes nothing there and prints no full token.</summary>
    private ProcessResult HookGuard(string[] args, string? stdin = null) => HookRun.Tool(_repo, args, stdin);

    private void Git(params string[] args) => Assert.That(_repo.Git(args).ExitCode, Is.Zero);

    private void WriteBigAndSmall()
    {
        _repo.Write("data/big.env", $"INTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token")}\n" + new string('#', 2048) + "\n");
        _repo.Write("small.txt", "alpha\n");
        _repo.Stage();
    }

    [Test]
    public void ScanStaged_FileOverTheConfiguredLimit_IsSkippedAndTheSummarySaysSo()
    {
        Git("config", "hookguard.maxFileSize", "1k");
        WriteBigAndSmall();

        var result = HookGuard(["scan", "staged"]);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Is.EqualTo("hookguard: no secrets found; scanned 1 file (5 bytes); skipped 1 file over the 1 KB limit (hookguard.maxFileSize)\n"));
    }

    [Test]
    public void ScanStaged_LimitUnset_ReadsTheFileUnderTheDefault()
    {
        WriteBigAndSmall();

        Assert.That(HookGuard(["scan", "staged"]).ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void HookPreCommit_FileOverTheLimit_PassesAndNamesTheFileInOneLine()
    {
        Git("config", "hookguard.maxFileSize", "1k");
        WriteBigAndSmall();

        var result = HookGuard(["hook", "pre-commit"]);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardError, Is.EqualTo(Notice));
        Assert.That(result.StandardOutput, Is.Empty);
    }

    [Test]
    public void HookPreCommit_FileOverTheLimitAndATokenElsewhere_BlocksAndStillNamesTheSkippedFile()
    {
        Git("config", "hookguard.maxFileSize", "1k");
        WriteBigAndSmall();
        _repo.Write("small.txt", $"SCALR_TOKEN={Tool.Token("scalr-api-access-token")}\n");
        _repo.Stage("small.txt");

        var result = HookGuard(["hook", "pre-commit"]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError, Does.StartWith(Notice).And.Contain("small.txt:1:13"));
    }

    [Test]
    public void HookPrePush_FileOverTheLimit_PassesAndNamesTheFile()
    {
        Git("config", "hookguard.maxFileSize", "1k");
        WriteBigAndSmall();
        var commit = _repo.Commit();
        var zeros = new string('0', 40);

        var result = HookGuard(["hook", "pre-push", "origin", "url"], $"refs/heads/main {commit} refs/heads/main {zeros}\n");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardError, Is.EqualTo(Notice));
    }

    [Test]
    public void ScanHistory_FileOverTheLimit_IsSkippedAndCounted()
    {
        Git("config", "hookguard.maxFileSize", "1k");
        WriteBigAndSmall();
        _repo.Commit();

        var result = HookGuard(["scan", "history"]);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Does.EndWith("; skipped 1 file over the 1 KB limit (hookguard.maxFileSize)\n"));
    }

    [Test]
    public void ScanPath_FileOverTheLimit_IsSkippedAndCounted()
    {
        Git("config", "hookguard.maxFileSize", "1k");
        WriteBigAndSmall();

        var result = HookGuard(["scan", "path", "data", "small.txt"]);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Does.EndWith("; skipped 1 file over the 1 KB limit (hookguard.maxFileSize)\n"));
    }

    [TestCase("scan", "staged")]
    [TestCase("scan", "history")]
    [TestCase("scan", "path", ".")]
    public void Scan_BadLimit_Exit2NamingTheKey(params string[] args)
    {
        Git("config", "hookguard.maxFileSize", "ten megabytes");

        var result = HookGuard(args);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError, Does.StartWith("hookguard: error: bad hookguard.maxFileSize 'ten megabytes'"));
        Assert.That(result.StandardError, Does.Contain("(hint: ").And.Not.Contain("   at "));
        Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), "one line");
    }

    [Test]
    public void HookPreCommit_BadLimit_BlocksWithExit2AndTheBypass()
    {
        Git("config", "hookguard.maxFileSize", "0");
        WriteBigAndSmall();

        var result = HookGuard(["hook", "pre-commit"]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError, Does.StartWith("hookguard: cannot scan this commit, so it is blocked: bad hookguard.maxFileSize '0'"));
        Assert.That(result.StandardError, Does.Contain("git commit --no-verify"));
    }
}
