using System.Text.Json;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests;

public class ScanCommandTests
{
    private TempRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    private ProcessResult HookGuard(string[] args, string? stdin = null, string? directory = null) =>
        Tool.Run(directory ?? _repo.Root, args, stdin, _repo.Environment);

    [Test]
    public void ScanStaged_TokenStaged_Exit1AndIndexBytesUnchanged()
    {
        var token = Tool.Token("clockwork-api-key");
        _repo.Write("sms.py", $"api = clockwork.API('{token}')\n");
        _repo.Stage("sms.py");
        var index = File.ReadAllBytes(Path.Combine(_repo.Root, ".git", "index"));

        var result = HookGuard(["scan", "staged"]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Does.Contain("sms.py:1:22").And.Not.Contain(token));
        Assert.That(File.ReadAllBytes(Path.Combine(_repo.Root, ".git", "index")), Is.EqualTo(index));
    }

    [Test]
    public void ScanStaged_NothingStaged_Exit0()
    {
        Assert.That(HookGuard(["scan", "staged"]).ExitCode, Is.Zero);
    }

    [Test]
    public void ScanStaged_JsonFormat_FollowsTheReportContract()
    {
        var token = Tool.Token("circleci-project-api-token");
        _repo.Write("ci/build.sh", $"#!/bin/sh\ncurl -H 'Circle-Token: {token}' https://circleci.com/api/v1.1/me\n");
        _repo.Stage("ci/build.sh");

        var result = HookGuard(["scan", "staged", "--format", "json"]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Does.Not.Contain(token));
        using var report = JsonDocument.Parse(result.StandardOutput);
        var finding = report.RootElement.GetProperty("findings")[0];
        Assert.That(finding.GetProperty("ruleId").GetString(), Is.EqualTo("circleci-project-api-token"));
        Assert.That(finding.GetProperty("title").GetString(), Is.EqualTo("CircleCI project API token"));
        Assert.That(finding.GetProperty("file").GetString(), Is.EqualTo("ci/build.sh"));
        Assert.That(finding.GetProperty("line").GetInt32(), Is.EqualTo(2));
        Assert.That(finding.GetProperty("column").GetInt32(), Is.EqualTo(24));
        Assert.That(finding.GetProperty("commit").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(finding.GetProperty("redacted").GetString(), Is.EqualTo($"{token[..4]}**** ({token.Length} chars)"));
        Assert.That(finding.GetProperty("fingerprint").GetString(), Does.Match("^circleci-project-api-token:ci/build.sh:[0-9a-f]{16}$"));
        var remediation = finding.GetProperty("remediation");
        Assert.That(remediation.GetProperty("summary").GetString(), Is.Not.Empty);
        Assert.That(remediation.GetProperty("revokeUrl").GetString(), Does.StartWith("https://"));
        Assert.That(remediation.GetProperty("guide").GetString(), Is.EqualTo("hookguard explain circleci-project-api-token"));
        var scanned = report.RootElement.GetProperty("scanned");
        Assert.That(scanned.GetProperty("files").GetInt32(), Is.EqualTo(1));
        Assert.That(scanned.GetProperty("bytes").GetInt64(), Is.GreaterThan(0));
        Assert.That(scanned.GetProperty("commits").GetInt32(), Is.Zero);
    }

    [Test]
    public void ScanPath_FromSubdirectory_FingerprintIsTheSameAsFromTheRoot()
    {
        _repo.Write("deploy/app.env", $"INTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token")}\n");
        var fromRoot = HookGuard(["scan", "path", "deploy", "--format", "json"]);
        var fromSubdirectory = HookGuard(["scan", "path", ".", "--format", "json"], directory: Path.Combine(_repo.Root, "deploy"));

        string Fingerprint(ProcessResult r) => JsonDocument.Parse(r.StandardOutput).RootElement.GetProperty("findings")[0].GetProperty("fingerprint").GetString()!;

        Assert.That(Fingerprint(fromRoot), Does.StartWith("intercom-access-token:deploy/app.env:"));
        Assert.That(Fingerprint(fromSubdirectory), Is.EqualTo(Fingerprint(fromRoot)));
    }

    [Test]
    public void ScanPath_BinaryFile_SkippedAndCounted()
    {
        _repo.WriteBytes("image.bin", [0x89, 0x50, 0x00, 0x01]);
        _repo.Write("notes.txt", "nothing here\n");

        var result = HookGuard(["scan", "path", "."]);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Does.Contain("scanned 1 file").And.Contain("skipped 1 binary file"));
    }

    [Test]
    public void ScanPath_MissingPath_Exit2OneLine()
    {
        var result = HookGuard(["scan", "path", "no-such-dir"]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void ScanStdin_TokenWithName_ReportsThatName()
    {
        var token = Tool.Token("scalr-api-access-token");

        var result = HookGuard(["scan", "stdin", "--name", "pasted.txt"], stdin: $"hello\nSCALR_TOKEN={token}\n");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Does.Contain("pasted.txt:2:13").And.Not.Contain(token));
    }

    [Test]
    public void ScanStdin_CleanText_Exit0()
    {
        Assert.That(HookGuard(["scan", "stdin"], stdin: "nothing to see\n").ExitCode, Is.Zero);
    }

    [TestCase("--format", "xml")]
    [TestCase("--bogus")]
    public void ScanStdin_BadOption_Exit2WithoutStackTrace(params string[] extra)
    {
        var result = HookGuard(["scan", "stdin", .. extra], stdin: "x");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError, Does.StartWith("hookguard: error:").And.Not.Contain("   at "));
    }

    [Test]
    public void ScanStaged_OutsideRepository_Exit3()
    {
        var directory = Directory.CreateTempSubdirectory("hookguard-norepo-").FullName;
        try
        {
            Assert.That(Tool.Run(directory, ["scan", "staged"]).ExitCode, Is.EqualTo(3));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void ScanStdin_OutputFile_WritesReportThere()
    {
        var output = Path.Combine(_repo.Root, "report.json");

        var result = HookGuard(["scan", "stdin", "--format", "json", "--output", output], stdin: "clean\n");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Is.Empty);
        using var report = JsonDocument.Parse(File.ReadAllText(output));
        Assert.That(report.RootElement.GetProperty("findings").GetArrayLength(), Is.Zero);
    }
}
