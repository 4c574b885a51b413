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
}
