using HookGuard.TestKit;

namespace HookGuard.Cli.Tests;

/// <summary>
/// What users and scripts read, pinned as approved text. Tokens come from seeded sample shapes, so
/// the output is stable; the approved files hold only redacted values and fingerprints.
/// </summary>
public class ReportGoldenTests
{
    private static string Input() => string.Join('\n',
        "# deploy settings",
        $"INTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token", 7)}",
        "retries: 3",
        $"curl -H 'Circle-Token: {Tool.Token("circleci-project-api-token", 7)}' https://circleci.com/api/v1.1/me",
        "");

    [Test]
    public void ScanStdin_TextReport_MatchesApproved()
    {
        var result = Tool.Run(Path.GetTempPath(), ["scan", "stdin", "--name", "deploy/settings.env"], Input());

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(Approvals.Verify(result.StandardOutput, "scan-stdin.text"), Is.Null);
    }

    [Test]
    public void ScanStdin_JsonReport_MatchesApproved()
    {
        var result = Tool.Run(Path.GetTempPath(), ["scan", "stdin", "--name", "deploy/settings.env", "--format", "json"], Input());

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(Approvals.Verify(result.StandardOutput, "scan-stdin.json"), Is.Null);
    }

    [Test]
    public void ScanStdin_SarifReport_MatchesApproved()
    {
        var result = Tool.Run(Path.GetTempPath(), ["scan", "stdin", "--name", "deploy/settings.env", "--format", "sarif"], Input());

        Assert.That(result.ExitCode, Is.EqualTo(1));
        // The tool's version changes with every release; the rest of the report must not change by accident.
        var report = result.StandardOutput.Replace($"\"version\": \"{CliApplication.Version}\"", "\"version\": \"VERSION\"", StringComparison.Ordinal);
        Assert.That(Approvals.Verify(report, "scan-stdin.sarif"), Is.Null);
    }

    [Test]
    public void HookPreCommit_BlockMessage_MatchesApproved()
    {
        using var repo = TempRepository.Create();
        repo.Write("deploy/settings.env", Input());
        repo.Stage("deploy/settings.env");

        var result = Tool.Run(repo.Root, ["hook", "pre-commit"], environment: repo.Environment);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Is.Empty, "the hook reports on stderr, which git shows");
        Assert.That(Approvals.Verify(result.StandardError, "hook-pre-commit.blocked"), Is.Null);
    }

    [Test]
    public void HookPrePush_BlockMessage_MatchesApproved()
    {
        using var repo = TempRepository.Create();
        // With the test config's fixed identity, fixed dates make the commit ids, and so the printed ones, the same on every run.
        repo.SetEnvironment("GIT_AUTHOR_DATE", "2024-01-15T12:00:00Z");
        repo.SetEnvironment("GIT_COMMITTER_DATE", "2024-01-15T12:00:00Z");
        repo.Write("README.md", "hello\n");
        repo.Stage("README.md");
        repo.Commit("initial");
        repo.Write("deploy/settings.env", Input());
        repo.Stage("deploy/settings.env");
        var pushed = repo.Commit("add deploy settings");
        var newBranch = new string('0', 40);

        var result = Tool.Run(repo.Root, ["hook", "pre-push", "origin", "file:///remote.git"], $"refs/heads/main {pushed} refs/heads/main {newBranch}\n", repo.Environment);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Is.Empty, "the hook reports on stderr, which git shows");
        Assert.That(result.StandardError, Does.Contain($"commit:  {pushed[..12]} add deploy settings"));
        // Counted, not listed: a failure message must not print a token either.
        Assert.That(Tool.IssuedTokens.Count(token => result.StandardError.Contains(token, StringComparison.Ordinal)), Is.Zero, "only redacted values");
        Assert.That(Approvals.Verify(result.StandardError, "hook-pre-push.blocked"), Is.Null);
    }
}
