using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// The team install modes end to end, with the real built tool on PATH and real git commits and pushes:
/// a shared (committed) hooks directory, a global install, chaining a hook that was already there, and
/// uninstall giving everything back.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TeamInstallTests
{
    private static readonly string[] OnlyPreCommit = ["pre-commit"];

    private TempRepository _repo = null!;

    [SetUp]
    public void SetUp()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("runs the hooks through git's sh");
        }

        _repo = TempRepository.Create();
        Tool.Isolate(_repo);
    }

    [TearDown]
    public void TearDown() => _repo?.Dispose();

    [Test]
    public void Shared_TeammateCloneRunsThePrintedCommand_IsProtectedAndBlocked()
    {
        var install = Run(_repo, "install", "--shared", ".githooks");
        Assert.That(install.ExitCode, Is.Zero, install.StandardError);
        Assert.That(Config(_repo, "core.hooksPath"), Is.EqualTo(".githooks"));
        var printed = install.StandardOutput.Split('\n').Single(line => line.Contains("each teammate runs once: ", StringComparison.Ordinal));
        var command = printed[(printed.IndexOf("runs once: ", StringComparison.Ordinal) + "runs once: ".Length)..];
        Assert.That(command, Is.EqualTo("hookguard install --shared .githooks"));
        _repo.Stage(".githooks");
        _repo.Commit("share HookGuard's hooks");

        var teammate = _repo.CloneAsTeammate();
        Tool.Isolate(teammate);
        Assert.That(Run(teammate, "status").ExitCode, Is.EqualTo(1), "a fresh clone is not protected until it opts in");

        var enable = ProcessRunner.Run("sh", ["-c", command], teammate.Root, teammate.Environment);

        Assert.That(enable.ExitCode, Is.Zero, enable.StandardError);
        Assert.That(enable.StandardOutput, Does.Contain("already installed and current"));
        Assert.That(teammate.Git("status", "--porcelain").StandardOutput, Is.Empty, "the committed scripts are used as they are");
        var status = Run(teammate, "status");
        Assert.That(status.ExitCode, Is.Zero, status.StandardOutput);
        Assert.That(status.StandardOutput, Does.Contain("core.hooksPath = .githooks, local config"));
        teammate.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        teammate.Stage("deploy.env");
        var commit = HookRun.Git(teammate, "commit", "-m", "add deploy settings");
        Assert.That(commit.ExitCode, Is.EqualTo(1));
        Assert.That(commit.StandardError, Does.Contain("CircleCI personal API token"));
    }

    [Test]
    public void Shared_PersonalHookInGitHooks_StillRunsAndCanBlock()
    {
        WriteHook(_repo, ".git/hooks/pre-commit", "#!/bin/sh\necho 'personal hook ran' >&2\n[ -f stop ] && exit 4\nexit 0\n");
        Run(_repo, "install", "--shared", ".githooks");

        _repo.Write("note.txt", "hello\n");
        _repo.Stage("note.txt");
        var passes = _repo.Git("commit", "-m", "note");
        _repo.Write("stop", "");
        _repo.Write("note.txt", "hello again\n");
        _repo.Stage("note.txt");
        var blocked = _repo.Git("commit", "-m", "note again");

        Assert.That(passes.ExitCode, Is.Zero, passes.StandardError);
        Assert.That(passes.StandardError, Does.Contain("personal hook ran"));
        Assert.That(blocked.ExitCode, Is.Not.Zero);
        Assert.That(blocked.StandardError, Does.Contain("personal hook ran"));
    }

    [Test]
    public void Shared_Uninstall_PutsBackThePreviousHooksPathAndRemovesOnlyOurFiles()
    {
        var oldHook = WriteHook(_repo, ".old-hooks/pre-commit", "#!/bin/sh\nexit 0\n");
        _repo.Git("config", "core.hooksPath", ".old-hooks");
        var configBefore = File.ReadAllBytes(Path.Combine(_repo.Root, ".git", "config"));

        Run(_repo, "install", "--shared", ".githooks");
        Assert.That(Config(_repo, "core.hooksPath"), Is.EqualTo(".githooks"));
        var uninstall = Run(_repo, "uninstall", "--shared", ".githooks");

        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.StandardError);
        Assert.That(uninstall.StandardOutput, Does.Contain("set core.hooksPath = .old-hooks in the local git config"));
        Assert.That(File.ReadAllBytes(Path.Combine(_repo.Root, ".git", "config")), Is.EqualTo(configBefore));
        Assert.That(Directory.Exists(Path.Combine(_repo.Root, ".githooks")), Is.False);
        Assert.That(File.ReadAllText(oldHook), Is.EqualTo("#!/bin/sh\nexit 0\n"));
    }

    [Test]
    public void Shared_DirectoryOutsideTheWorkTree_Exit2OneLineNothingChanged()
    {
        var configBefore = File.ReadAllBytes(Path.Combine(_repo.Root, ".git", "config"));

        var result = Run(_repo, "install", "--shared", "../elsewhere");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.StandardError, Does.Contain("not a folder inside the repository's work tree"));
        Assert.That(File.ReadAllBytes(Path.Combine(_repo.Root, ".git", "config")), Is.EqualTo(configBefore));
    }

    [Test]
    public void Global_RepositoryOwnHookStillRunsAndCanBlock_ThenHookGuardScans()
    {
        WriteHook(_repo, ".git/hooks/pre-commit", "#!/bin/sh\necho 'project hook ran' >&2\n[ -f stop ] && exit 4\nexit 0\n");

        var install = Run(_repo, "install", "--global");

        Assert.That(install.ExitCode, Is.Zero, install.StandardError);
        Assert.That(GlobalConfig(_repo, "core.hooksPath"), Is.EqualTo(GlobalHooksDirectory(_repo)));
        var status = Run(_repo, "status");
        Assert.That(status.ExitCode, Is.Zero, status.StandardOutput);
        Assert.That(status.StandardOutput, Does.Contain("global config"));

        _repo.Write("note.txt", "hello\n");
        _repo.Stage("note.txt");
        var passes = _repo.Git("commit", "-m", "note");
        Assert.That(passes.ExitCode, Is.Zero, passes.StandardError);
        Assert.That(passes.StandardError, Does.Contain("project hook ran"));

        _repo.Write("stop", "");
        _repo.Write("note.txt", "changed\n");
        _repo.Stage("note.txt");
        var blockedByProject = _repo.Git("commit", "-m", "note again");
        Assert.That(blockedByProject.ExitCode, Is.Not.Zero, "the project's own hook still blocks");

        File.Delete(Path.Combine(_repo.Root, "stop"));
        _repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        _repo.Stage("deploy.env");
        var blockedByHookGuard = HookRun.Git(_repo, "commit", "-m", "add deploy settings");
        Assert.That(blockedByHookGuard.ExitCode, Is.EqualTo(1));
        Assert.That(blockedByHookGuard.StandardError, Does.Contain("project hook ran").And.Contain("CircleCI personal API token"));
    }

    [Test]
    public void Global_LocalHooksPathHidesIt_StatusWarnsAndExitsOne()
    {
        Run(_repo, "install", "--global");
        _repo.Git("config", "core.hooksPath", ".husky");

        var status = Run(_repo, "status");

        Assert.That(status.ExitCode, Is.EqualTo(1));
        Assert.That(status.StandardOutput, Does.Contain("warning: the local core.hooksPath .husky hides the global hooks in"));
        Assert.That(status.StandardOutput, Does.Contain("not protected"));
    }

    [Test]
    public void Global_Uninstall_GivesBackTheGlobalConfigByteForByteAndRemovesTheFolder()
    {
        var globalConfig = _repo.Environment["GIT_CONFIG_GLOBAL"]!;
        var before = File.ReadAllBytes(globalConfig);
        Run(_repo, "install", "--global");
        Assert.That(File.ReadAllBytes(globalConfig), Is.Not.EqualTo(before));

        var uninstall = Run(_repo, "uninstall", "--global");

        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.StandardError);
        Assert.That(uninstall.StandardOutput, Does.Contain("unset core.hooksPath in the global git config"));
        Assert.That(File.ReadAllBytes(globalConfig), Is.EqualTo(before));
        Assert.That(Directory.Exists(GlobalHooksDirectory(_repo)), Is.False);
    }

    [Test]
    public void Global_GlobalHooksPathAlreadySet_InstallsThereAndChangesNoConfig()
    {
        var companyHooks = _repo.ScratchDirectory("company-hooks");
        var companyHook = WriteFile(Path.Combine(companyHooks, "pre-commit"), "#!/bin/sh\necho 'company hook ran' >&2\n");
        _repo.Git("config", "--global", "core.hooksPath", companyHooks);
        var globalConfig = File.ReadAllBytes(_repo.Environment["GIT_CONFIG_GLOBAL"]!);

        var install = Run(_repo, "install", "--global");
        _repo.Write("note.txt", "hello\n");
        _repo.Stage("note.txt");
        var commit = _repo.Git("commit", "-m", "note");
        var uninstall = Run(_repo, "uninstall", "--global");

        Assert.That(install.StandardOutput, Does.Contain("runs first"));
        Assert.That(commit.ExitCode, Is.Zero, commit.StandardError);
        Assert.That(commit.StandardError, Does.Contain("company hook ran"));
        Assert.That(uninstall.StandardOutput, Does.Contain("restored your previous one"));
        Assert.That(File.ReadAllBytes(_repo.Environment["GIT_CONFIG_GLOBAL"]!), Is.EqualTo(globalConfig));
        Assert.That(File.ReadAllText(companyHook), Is.EqualTo("#!/bin/sh\necho 'company hook ran' >&2\n"));
        Assert.That(Directory.GetFiles(companyHooks).Select(Path.GetFileName), Is.EquivalentTo(OnlyPreCommit));
    }

    [Test]
    public void Chaining_ForeignPreCommitFails_GitStopsWithItsExitCodeAndMessage()
    {
        WriteHook(_repo, ".git/hooks/pre-commit", "#!/bin/sh\necho 'lint failed' >&2\nexit 3\n");
        Run(_repo, "install");

        // git reports any hook failure as its own exit 1; running the script as git does shows the code itself.
        var direct = ProcessRunner.Run(Path.Combine(_repo.Root, ".git", "hooks", "pre-commit"), [], _repo.Root, _repo.Environment);
        _repo.Write("note.txt", "hello\n");
        _repo.Stage("note.txt");
        var commit = _repo.Git("commit", "-m", "note");

        Assert.That(direct.ExitCode, Is.EqualTo(3));
        Assert.That(direct.StandardError, Is.EqualTo("lint failed\n"));
        Assert.That(commit.ExitCode, Is.EqualTo(1));
        Assert.That(commit.StandardError, Does.Contain("lint failed"));
    }

    [Test]
    public void Chaining_ForeignPrePush_GetsGitsStdinByteForByteAndHookGuardStillBlocks()
    {
        var seen = Path.Combine(_repo.ScratchDirectory("seen"), "stdin");
        WriteHook(_repo, ".git/hooks/pre-push", $"#!/bin/sh\ncat >> '{seen}'\necho \"own pre-push: $1\" >&2\nexit 0\n");
        Run(_repo, "install");
        _repo.AddBareRemote();
        _repo.Write("note.txt", "hello\n");
        _repo.Stage("note.txt");
        var clean = _repo.Commit("clean");

        var push = HookRun.Git(_repo, "push", "origin", "HEAD:refs/heads/main");

        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        Assert.That(push.StandardError, Does.Contain("own pre-push: origin"));
        Assert.That(File.ReadAllText(seen), Is.EqualTo($"HEAD {clean} refs/heads/main {new string('0', 40)}\n"));

        _repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        _repo.Stage("deploy.env");
        var leaky = _repo.Commit("leak");
        File.Delete(seen);
        var blocked = HookRun.Git(_repo, "push", "origin", "HEAD:refs/heads/main");

        Assert.That(blocked.ExitCode, Is.EqualTo(1));
        Assert.That(blocked.StandardError, Does.Contain("CircleCI personal API token"));
        Assert.That(File.ReadAllText(seen), Is.EqualTo($"HEAD {leaky} refs/heads/main {clean}\n"));
    }

    [Test]
    public void Chaining_InstallThenUninstall_GivesBackEveryHookFileAndModeByteForByte()
    {
        WriteHook(_repo, ".git/hooks/pre-commit", "#!/bin/sh\r\necho mine\r\n");
        WriteHook(_repo, ".git/hooks/pre-push", "#!/bin/sh\nexit 0");
        var before = HookFiles(_repo);

        Run(_repo, "install");
        Assert.That(HookFiles(_repo), Is.Not.EqualTo(before));
        Run(_repo, "uninstall");

        Assert.That(HookFiles(_repo), Is.EqualTo(before));
    }

    [Test]
    public void Status_HookGuardCommandMissing_SaysSoAndExitsOne()
    {
        Run(_repo, "install");
        var environment = new Dictionary<string, string?>(_repo.Environment) { ["PATH"] = "/nonexistent" };

        var status = Tool.Run(_repo.Root, ["status"], environment: environment);

        Assert.That(status.ExitCode, Is.EqualTo(1));
        Assert.That(status.StandardOutput, Does.Contain("hookguard command: not found"));
    }

    private static string GlobalHooksDirectory(TempRepository repository) =>
        Path.Combine(repository.Environment["XDG_CONFIG_HOME"]!, "hookguard", "hooks");

    private static ProcessResult Run(TempRepository repository, params string[] arguments)
    {
        var result = Tool.RunInstalled(repository, arguments);
        Assert.That(result.StandardError, Does.Not.Contain("   at "), "no stack trace");
        return result;
    }

    private static string Config(TempRepository repository, string key) =>
        repository.Git("config", "--local", "--get", key).StandardOutput.TrimEnd('\n');

    private static string GlobalConfig(TempRepository repository, string key) =>
        repository.Git("config", "--global", "--get", key).StandardOutput.TrimEnd('\n');

    private static string WriteHook(TempRepository repository, string relativePath, string content) =>
        WriteFile(Path.Combine(repository.Root, relativePath), content);

    private static string WriteFile(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static SortedDictionary<string, string> HookFiles(TempRepository repository)
    {
        var hooks = Path.Combine(repository.Root, ".git", "hooks");
        return new SortedDictionary<string, string>(
            Directory.GetFiles(hooks).ToDictionary(
                path => Path.GetFileName(path),
                path => Convert.ToHexString(File.ReadAllBytes(path)) + ":" + File.GetUnixFileMode(path)),
            StringComparer.Ordinal);
    }
}
