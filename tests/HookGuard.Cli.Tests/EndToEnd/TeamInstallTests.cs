using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// The team install modes end to end, with the real built tool on PATH and real git commits and pushes:
/// a shared (committed) hooks directory, a global install, chaining a hook that was already there, and
/// uninstall giving everything back.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TeamInstallTests : IsolatedToolFixture
{
    private static readonly string[] OnlyPreCommit = ["pre-commit"];

    [Test]
    public void Shared_TeammateCloneRunsThePrintedCommand_IsProtectedAndBlocked()
    {
        var install = Run(Repo, "install", "--shared", ".githooks");
        Assert.That(install.ExitCode, Is.Zero, install.StandardError);
        Assert.That(Config(Repo, "core.hooksPath"), Is.EqualTo(".githooks"));
        var printed = install.StandardOutput.Split('\n').Single(line => line.Contains("each teammate runs once: ", StringComparison.Ordinal));
        var command = printed[(printed.IndexOf("runs once: ", StringComparison.Ordinal) + "runs once: ".Length)..];
        Assert.That(command, Is.EqualTo("hookguard install --shared .githooks"));
        Repo.Stage(".githooks");
        Repo.Commit("share HookGuard's hooks");

        var teammate = Repo.CloneAsTeammate();
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
        WriteHook(Repo, ".git/hooks/pre-commit", "#!/bin/sh\necho 'personal hook ran' >&2\n[ -f stop ] && exit 4\nexit 0\n");
        Run(Repo, "install", "--shared", ".githooks");

        Repo.Write("note.txt", "hello\n");
        Repo.Stage("note.txt");
        var passes = Repo.Git("commit", "-m", "note");
        Repo.Write("stop", "");
        Repo.Write("note.txt", "hello again\n");
        Repo.Stage("note.txt");
        var blocked = Repo.Git("commit", "-m", "note again");

        Assert.That(passes.ExitCode, Is.Zero, passes.StandardError);
        Assert.That(passes.StandardError, Does.Contain("personal hook ran"));
        Assert.That(blocked.ExitCode, Is.Not.Zero);
        Assert.That(blocked.StandardError, Does.Contain("personal hook ran"));
    }

    [Test]
    public void Shared_Uninstall_PutsBackThePreviousHooksPathAndRemovesOnlyOurFiles()
    {
        var oldHook = WriteHook(Repo, ".old-hooks/pre-commit", "#!/bin/sh\nexit 0\n");
        Repo.Git("config", "core.hooksPath", ".old-hooks");
        var configBefore = File.ReadAllBytes(Path.Combine(Repo.Root, ".git", "config"));

        Run(Repo, "install", "--shared", ".githooks");
        Assert.That(Config(Repo, "core.hooksPath"), Is.EqualTo(".githooks"));
        var uninstall = Run(Repo, "uninstall", "--shared", ".githooks");

        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.StandardError);
        Assert.That(uninstall.StandardOutput, Does.Contain("set core.hooksPath = .old-hooks in the local git config"));
        Assert.That(File.ReadAllBytes(Path.Combine(Repo.Root, ".git", "config")), Is.EqualTo(configBefore));
        Assert.That(Directory.Exists(Path.Combine(Repo.Root, ".githooks")), Is.False);
        Assert.That(File.ReadAllText(oldHook), Is.EqualTo("#!/bin/sh\nexit 0\n"));
    }

    [Test]
    public void Shared_DirectoryOutsideTheWorkTree_Exit2OneLineNothingChanged()
    {
        var configBefore = File.ReadAllBytes(Path.Combine(Repo.Root, ".git", "config"));

        var result = Run(Repo, "install", "--shared", "../elsewhere");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.StandardError, Does.Contain("not a folder inside the repository's work tree"));
        Assert.That(File.ReadAllBytes(Path.Combine(Repo.Root, ".git", "config")), Is.EqualTo(configBefore));
    }

    [Test]
    public void Global_RepositoryOwnHookStillRunsAndCanBlock_ThenHookGuardScans()
    {
        WriteHook(Repo, ".git/hooks/pre-commit", "#!/bin/sh\necho 'project hook ran' >&2\n[ -f stop ] && exit 4\nexit 0\n");

        var install = Run(Repo, "install", "--global");

        Assert.That(install.ExitCode, Is.Zero, install.StandardError);
        Assert.That(GlobalConfig(Repo, "core.hooksPath"), Is.EqualTo(GlobalHooksDirectory(Repo)));
        var status = Run(Repo, "status");
        Assert.That(status.ExitCode, Is.Zero, status.StandardOutput);
        Assert.That(status.StandardOutput, Does.Contain("global config"));

        Repo.Write("note.txt", "hello\n");
        Repo.Stage("note.txt");
        var passes = Repo.Git("commit", "-m", "note");
        Assert.That(passes.ExitCode, Is.Zero, passes.StandardError);
        Assert.That(passes.StandardError, Does.Contain("project hook ran"));

        Repo.Write("stop", "");
        Repo.Write("note.txt", "changed\n");
        Repo.Stage("note.txt");
        var blockedByProject = Repo.Git("commit", "-m", "note again");
        Assert.That(blockedByProject.ExitCode, Is.Not.Zero, "the project's own hook still blocks");

        File.Delete(Path.Combine(Repo.Root, "stop"));
        Repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        Repo.Stage("deploy.env");
        var blockedByHookGuard = HookRun.Git(Repo, "commit", "-m", "add deploy settings");
        Assert.That(blockedByHookGuard.ExitCode, Is.EqualTo(1));
        Assert.That(blockedByHookGuard.StandardError, Does.Contain("project hook ran").And.Contain("CircleCI personal API token"));
    }

    [Test]
    public void Global_LocalHooksPathHidesIt_StatusWarnsAndExitsOne()
    {
        Run(Repo, "install", "--global");
        Repo.Git("config", "core.hooksPath", ".husky");

        var status = Run(Repo, "status");

        Assert.That(status.ExitCode, Is.EqualTo(1));
        Assert.That(status.StandardOutput, Does.Contain("warning: the local core.hooksPath .husky hides the global hooks in"));
        Assert.That(status.StandardOutput, Does.Contain("not protected"));
    }

    [Test]
    public void Global_Uninstall_GivesBackTheGlobalConfigByteForByteAndRemovesTheFolder()
    {
        var globalConfig = Repo.Environment["GIT_CONFIG_GLOBAL"]!;
        var before = File.ReadAllBytes(globalConfig);
        Run(Repo, "install", "--global");
        Assert.That(File.ReadAllBytes(globalConfig), Is.Not.EqualTo(before));

        var uninstall = Run(Repo, "uninstall", "--global");

        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.StandardError);
        Assert.That(uninstall.StandardOutput, Does.Contain("unset core.hooksPath in the global git config"));
        Assert.That(File.ReadAllBytes(globalConfig), Is.EqualTo(before));
        Assert.That(Directory.Exists(GlobalHooksDirectory(Repo)), Is.False);
    }

    [Test]
    public void Global_GlobalHooksPathAlreadySet_InstallsThereAndChangesNoConfig()
    {
        var companyHooks = Repo.ScratchDirectory("company-hooks");
        var companyHook = WriteFile(Path.Combine(companyHooks, "pre-commit"), "#!/bin/sh\necho 'company hook ran' >&2\n");
        Repo.Git("config", "--global", "core.hooksPath", companyHooks);
        var globalConfig = File.ReadAllBytes(Repo.Environment["GIT_CONFIG_GLOBAL"]!);

        var install = Run(Repo, "install", "--global");
        Repo.Write("note.txt", "hello\n");
        Repo.Stage("note.txt");
        var commit = Repo.Git("commit", "-m", "note");
        var uninstall = Run(Repo, "uninstall", "--global");

        Assert.That(install.StandardOutput, Does.Contain("runs first"));
        Assert.That(commit.ExitCode, Is.Zero, commit.StandardError);
        Assert.That(commit.StandardError, Does.Contain("company hook ran"));
        Assert.That(uninstall.StandardOutput, Does.Contain("restored your previous one"));
        Assert.That(File.ReadAllBytes(Repo.Environment["GIT_CONFIG_GLOBAL"]!), Is.EqualTo(globalConfig));
        Assert.That(File.ReadAllText(companyHook), Is.EqualTo("#!/bin/sh\necho 'company hook ran' >&2\n"));
        Assert.That(Directory.GetFiles(companyHooks).Select(Path.GetFileName), Is.EquivalentTo(OnlyPreCommit));
    }

    [Test]
    public void Chaining_ForeignPreCommitFails_GitStopsWithItsExitCodeAndMessage()
    {
        WriteHook(Repo, ".git/hooks/pre-commit", "#!/bin/sh\necho 'lint failed' >&2\nexit 3\n");
        Run(Repo, "install");

        // git reports any hook failure as its own exit 1; running the script as git does shows the code itself.
        var direct = ProcessRunner.Run(Path.Combine(Repo.Root, ".git", "hooks", "pre-commit"), [], Repo.Root, Repo.Environment);
        Repo.Write("note.txt", "hello\n");
        Repo.Stage("note.txt");
        var commit = Repo.Git("commit", "-m", "note");

        Assert.That(direct.ExitCode, Is.EqualTo(3));
        Assert.That(direct.StandardError, Is.EqualTo("lint failed\n"));
        Assert.That(commit.ExitCode, Is.EqualTo(1));
        Assert.That(commit.StandardError, Does.Contain("lint failed"));
    }

    [Test]
    public void Chaining_ForeignPrePush_GetsGitsStdinByteForByteAndHookGuardStillBlocks()
    {
        var seen = Path.Combine(Repo.ScratchDirectory("seen"), "stdin");
        WriteHook(Repo, ".git/hooks/pre-push", $"#!/bin/sh\ncat >> '{seen}'\necho \"own pre-push: $1\" >&2\nexit 0\n");
        Run(Repo, "install");
        Repo.AddBareRemote();
        Repo.Write("note.txt", "hello\n");
        Repo.Stage("note.txt");
        var clean = Repo.Commit("clean");

        var push = HookRun.Git(Repo, "push", "origin", "HEAD:refs/heads/main");

        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        Assert.That(push.StandardError, Does.Contain("own pre-push: origin"));
        Assert.That(File.ReadAllText(seen), Is.EqualTo($"HEAD {clean} refs/heads/main {new string('0', 40)}\n"));

        Repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        Repo.Stage("deploy.env");
        var leaky = Repo.Commit("leak");
        File.Delete(seen);
        var blocked = HookRun.Git(Repo, "push", "origin", "HEAD:refs/heads/main");

        Assert.That(blocked.ExitCode, Is.EqualTo(1));
        Assert.That(blocked.StandardError, Does.Contain("CircleCI personal API token"));
        Assert.That(File.ReadAllText(seen), Is.EqualTo($"HEAD {leaky} refs/heads/main {clean}\n"));
    }

    [Test]
    public void Chaining_InstallThenUninstall_GivesBackEveryHookFileAndModeByteForByte()
    {
        WriteHook(Repo, ".git/hooks/pre-commit", "#!/bin/sh\r\necho mine\r\n");
        WriteHook(Repo, ".git/hooks/pre-push", "#!/bin/sh\nexit 0");
        var before = HookFiles(Repo);

        Run(Repo, "install");
        Assert.That(HookFiles(Repo), Is.Not.EqualTo(before));
        Run(Repo, "uninstall");

        Assert.That(HookFiles(Repo), Is.EqualTo(before));
    }

    [Test]
    public void Status_HookGuardCommandMissing_SaysSoAndExitsOne()
    {
        Run(Repo, "install");
        var environment = new Dictionary<string, string?>(Repo.Environment) { ["PATH"] = "/nonexistent" };

        var status = Tool.Run(Repo.Root, ["status"], environment: environment);

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
