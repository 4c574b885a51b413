using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// The README's first command, for real: install/install.sh packs this clone and installs the tool
/// into a temporary --tool-path; run twice it updates; the installed tool then blocks a commit. The first run
/// asks for the portable build (HOOKGUARD_PORTABLE=1, what a machine without a C toolchain gets), the second
/// installs the Native AOT build over it.
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

        var first = ProcessRunner.Run("bash", [script, "--tool-path", _toolPath], Path.GetTempPath(), Portable, timeout: timeout);
        var tool = Path.Combine(_toolPath, "hookguard");
        var portableVersion = ProcessRunner.Run(tool, ["--version"], Path.GetTempPath());
        var portableStore = Directory.GetFiles(_toolPath, "hookguard.dll", SearchOption.AllDirectories);
        var second = ProcessRunner.Run("bash", [script, "--tool-path", _toolPath], Path.GetTempPath(), timeout: timeout);

        Assert.That(first.ExitCode, Is.Zero, first.StandardOutput + first.StandardError);
        Assert.That(first.StandardOutput, Does.Contain("(portable, framework-dependent)"));
        Assert.That(portableStore, Is.Not.Empty, "the portable build runs hookguard.dll on the .NET runtime");
        Assert.That(portableVersion.StandardOutput, Does.Match(@"0\.\d+\.\d+-dev\.\d{14}"));
        Assert.That(second.ExitCode, Is.Zero, second.StandardOutput + second.StandardError);
        Assert.That(second.StandardOutput, Does.Contain($"Installed HookGuard").And.Contain(tool));
        Assert.That(second.StandardOutput, Does.Contain($"export PATH=\"$PATH:{_toolPath}\""), "the folder is not on PATH, so the line to add is printed");
        if (NativeBuildExpected())
        {
            Assert.That(second.StandardOutput, Does.Contain($"(Native AOT, {NativeRid()})"), second.StandardOutput + second.StandardError);
            var nativeVersion = Directory.GetDirectories(Path.Combine(_toolPath, ".store", "hookguard")).Single(d => !portableStore[0].StartsWith(d, StringComparison.Ordinal));
            Assert.That(Directory.GetFiles(nativeVersion, "hookguard.dll", SearchOption.AllDirectories), Is.Empty, "the native build has no assembly to load");
        }

        var version = ProcessRunner.Run(tool, ["--version"], Path.GetTempPath());
        Assert.That(version.StandardOutput, Does.Match(@"0\.\d+\.\d+-dev\.\d{14}"));
        Assert.That(version.StandardOutput, Is.Not.EqualTo(portableVersion.StandardOutput), "the second run updated the tool");

        using var repo = TempRepository.Create();
        repo.SetEnvironment("PATH", _toolPath + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"));
        Assert.That(ProcessRunner.Run(tool, ["install"], repo.Root, repo.Environment).ExitCode, Is.Zero);
        repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        repo.Stage("deploy.env");

        var commit = HookRun.Git(repo, "commit", "-m", "deploy");

        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(commit.StandardError, Does.Contain("deploy.env:1:16").And.Contain("CircleCI personal API token"));
    }

    private static readonly Dictionary<string, string?> Portable = new() { ["HOOKGUARD_PORTABLE"] = "1" };

    /// <summary>Where install.sh must build natively: Linux or macOS on x64 or arm64, with a C compiler on PATH.</summary>
    private static bool NativeBuildExpected() =>
        NativeRid() is not null
        && (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, "clang")) || File.Exists(Path.Combine(dir, "gcc")) || File.Exists(Path.Combine(dir, "cc")));

    private static string? NativeRid()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : null;
        var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "x64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            _ => null,
        };
        return os is null || arch is null ? null : $"{os}-{arch}";
    }
}
