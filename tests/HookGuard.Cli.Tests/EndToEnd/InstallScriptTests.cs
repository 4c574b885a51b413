using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// The README's first command, for real: install/install.sh packs this clone and installs the tool
/// into a temporary --tool-path; run twice it updates; the installed tool then blocks a commit.
/// </summary>
[Category("EndToEnd")]
[Category("Install")]
[NonParallelizable]
public class InstallScriptTests
{
    private string _toolPath = null!;

    [SetUp]
    public void SetUp() => _toolPath = Directory.CreateTempSubdirectory("hookguard-tools-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_toolPath, recursive: true);

    [Test]
    public void InstallScript_RunTwiceWithToolPath_InstallsThenUpdatesAndTheToolBlocksACommit()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("install.sh is the POSIX installer");
        }

        var script = SourceTree.PathOf("install/install.sh");
        var timeout = TimeSpan.FromMinutes(5);

        var first = ProcessRunner.Run("bash", [script, "--tool-path", _toolPath], Path.GetTempPath(), timeout: timeout);
        var second = ProcessRunner.Run("bash", [script, "--tool-path", _toolPath], Path.GetTempPath(), timeout: timeout);

        Assert.That(first.ExitCode, Is.Zero, first.StandardOutput + first.StandardError);
        Assert.That(second.ExitCode, Is.Zero, second.StandardOutput + second.StandardError);
        var tool = Path.Combine(_toolPath, "hookguard");
        Assert.That(second.StandardOutput, Does.Contain($"Installed HookGuard").And.Contain(tool));
        Assert.That(second.StandardOutput, Does.Contain($"export PATH=\"$PATH:{_toolPath}\""), "the folder is not on PATH, so the line to add is printed");
        var version = ProcessRunner.Run(tool, ["--version"], Path.GetTempPath());
        Assert.That(version.StandardOutput, Does.Match(@"0\.\d+\.\d+-dev\.\d{14}"));

        using var repo = TempRepository.Create();
        repo.SetEnvironment("PATH", _toolPath + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"));
        Assert.That(ProcessRunner.Run(tool, ["install"], repo.Root, repo.Environment).ExitCode, Is.Zero);
        repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        repo.Stage("deploy.env");

        var commit = HookRun.Git(repo, "commit", "-m", "deploy");

        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(commit.StandardError, Does.Contain("deploy.env:1:16").And.Contain("CircleCI personal API token"));
    }
}
