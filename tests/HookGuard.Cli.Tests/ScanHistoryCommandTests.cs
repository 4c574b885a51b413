using System.Text.Json;
using HookGuard.Cli.Tests.EndToEnd;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests;

/// <summary><c>hookguard scan history</c>: every commit of every ref, each secret with the commit that introduced it.</summary>
public class ScanHistoryCommandTests
{
    private TempRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    /// <summary>Runs the scan in the repository, asserting that it changes nothing there and prints no full token.</summary>
    private ProcessResult HookGuard(params string[] args) => HookRun.Tool(_repo, args);

    private string Commit(string file, string content, string message)
    {
        _repo.Write(file, content);
        _repo.Stage(file);
        return _repo.Commit(message);
    }

    private string Git(params string[] args)
    {
        var result = _repo.Git(args);
        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        return result.StandardOutput.Trim();
    }

    /// <summary>What git makes next is dated on day <paramref name="day"/> of January 2024.</summary>
    private void OnDay(int day)
    {
        _repo.SetEnvironment("GIT_AUTHOR_DATE", $"2024-01-{day:00}T12:00:00Z");
        _repo.SetEnvironment("GIT_COMMITTER_DATE", $"2024-01-{day:00}T12:00:00Z");
    }

    /// <summary>README, then a token added to deploy/ci.env, then the token removed, then another change: HEAD is clean.</summary>
    private (string Introduced, string Token) TokenAddedThenRemoved()
    {
        var token = Tool.Token("circleci-personal-api-token");
        Commit("README.md", "hello\n", "initial");
        var introduced = Commit("deploy/ci.env", $"# ci settings\nCIRCLECI_TOKEN={token}\n", "add ci settings");
        Commit("deploy/ci.env", "# ci settings\nCIRCLECI_TOKEN=${CIRCLECI_TOKEN}\n", "read the token from the environment");
        Commit("README.md", "hello\nworld\n", "docs");
        return (introduced, token);
    }

    [Test]
    public void ScanHistory_TokenAddedInAnOldCommitAndRemovedLater_Exit1NamingTheIntroducingCommit()
    {
        var (introduced, token) = TokenAddedThenRemoved();

        var result = HookGuard("scan", "history");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Does.Contain("hookguard: 1 secret found in the history (all refs)"));
        Assert.That(result.StandardOutput, Does.Contain("deploy/ci.env:2:16"));
        Assert.That(result.StandardOutput, Does.Contain($"commit:  {introduced[..12]} add ci settings"));
        Assert.That(result.StandardOutput, Does.Contain(" in 4 commits").And.Not.Contain(token));
        Assert.That(result.StandardError, Is.Empty, "no progress line when standard error is not a terminal");
    }

    [Test]
    public void ScanHistory_Json_ReportsTheIntroducingCommitOnceAlthoughARevertBringsTheTokenBack()
    {
        var (introduced, token) = TokenAddedThenRemoved();
        Git("revert", "--no-edit", "HEAD~1");

        var result = HookGuard("scan", "history", "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Does.Not.Contain(token));
        using var report = JsonDocument.Parse(result.StandardOutput);
        var findings = report.RootElement.GetProperty("findings");
        Assert.That(findings.GetArrayLength(), Is.EqualTo(1));
        Assert.That(findings[0].GetProperty("commit").GetString(), Is.EqualTo(introduced));
        Assert.That(findings[0].GetProperty("file").GetString(), Is.EqualTo("deploy/ci.env"));
        Assert.That(findings[0].GetProperty("line").GetInt32(), Is.EqualTo(2));
        Assert.That(findings[0].GetProperty("fingerprint").GetString(), Does.Match("^circleci-personal-api-token:deploy/ci.env:[0-9a-f]{16}$"));
        Assert.That(report.RootElement.GetProperty("scanned").GetProperty("commits").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public void ScanHistory_SameTokenFileOnTwoBranches_OneFindingInTheOlderCommit()
    {
        var content = $"INTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token")}\n";
        OnDay(1);
        Commit("README.md", "hello\n", "initial");
        Git("switch", "--quiet", "-c", "later");
        OnDay(3);
        Commit("app.env", content, "later branch");
        Git("switch", "--quiet", "-c", "earlier", "main");
        OnDay(2);
        var earlier = Commit("app.env", content, "earlier branch");

        var result = HookGuard("scan", "history", "--format", "json");

        using var report = JsonDocument.Parse(result.StandardOutput);
        var findings = report.RootElement.GetProperty("findings");
        Assert.That(findings.GetArrayLength(), Is.EqualTo(1));
        Assert.That(findings[0].GetProperty("commit").GetString(), Is.EqualTo(earlier));
    }

    [Test]
    public void ScanHistory_SameTokenMovedToAnotherFile_ReportedInBothFilesWithTheirOwnCommits()
    {
        var line = $"SCALR_TOKEN={Tool.Token("scalr-api-access-token")}\n";
        var first = Commit("one.env", line, "first file");
        Commit("one.env", "nothing here\n", "removed");
        var second = Commit("two.env", line, "second file");

        var result = HookGuard("scan", "history", "--format", "json");

        using var report = JsonDocument.Parse(result.StandardOutput);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("file").GetString(), f.GetProperty("commit").GetString()))
            .ToList();
        Assert.That(findings, Is.EqualTo(new[] { ("one.env", first), ("two.env", second) }));
    }

    [Test]
    public void ScanHistory_CleanHistory_Exit0WithTheSummary()
    {
        Commit("a.txt", "alpha\n", "one");
        Commit("a.txt", "alpha\nbeta\n", "two");

        var result = HookGuard("scan", "history");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Is.EqualTo("hookguard: no secrets found; scanned 2 files (9 bytes) in 2 commits\n"));
        Assert.That(result.StandardError, Is.Empty);
    }

    [Test]
    public void ScanHistory_EmptyRepository_Exit0()
    {
        var result = HookGuard("scan", "history");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Does.StartWith("hookguard: no secrets found; scanned 0 files"));
    }

    [Test]
    public void ScanHistory_BadFormat_Exit2()
    {
        Commit("a.txt", "alpha\n", "one");

        var result = HookGuard("scan", "history", "--format", "xml");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError, Does.StartWith("hookguard: error: unknown --format 'xml'"));
    }

    [Test]
    public void ScanHistory_OutsideARepository_Exit3()
    {
        var directory = Directory.CreateTempSubdirectory("hookguard-norepo-").FullName;
        try
        {
            Assert.That(Tool.Run(directory, ["scan", "history"]).ExitCode, Is.EqualTo(3));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
