using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// Husky and Husky.Net own core.hooksPath; HookGuard adds a block to their hook files instead. Real Husky is
/// installed from npm when npm is here; otherwise, and for Husky.Net (not on this machine's NuGet feed), the test
/// lays out the files the manager writes and lets git run them.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HookManagerTests : IsolatedToolFixture
{
    private const string UserHook = "echo 'team lint ran' >&2\n";

    [Test]
    public void Husky9Layout_InstallAddsBlock_CommitBlocked_UninstallGivesTheFileBack()
    {
        // What `husky` (v9) writes: core.hooksPath .husky/_, whose scripts run .husky/<hook> with sh -e.
        WriteExecutable(".husky/_/h", "#!/bin/sh\nn=$(basename \"$0\")\ns=\"$(dirname \"$(dirname \"$0\")\")/$n\"\n[ -f \"$s\" ] || exit 0\nsh -e \"$s\" \"$@\"\n");
        WriteExecutable(".husky/_/pre-commit", "#!/bin/sh\n. \"$(dirname \"$0\")/h\"\n");
        WriteExecutable(".husky/_/pre-push", "#!/bin/sh\n. \"$(dirname \"$0\")/h\"\n");
        Repo.Write(".husky/_/husky.sh", "");
        Repo.Write(".husky/pre-commit", UserHook);
        Repo.Git("config", "core.hooksPath", ".husky/_");

        AssertInstallBlocksAndUninstallRestores("Husky");
    }

    [Test]
    public void HuskyNetLayout_InstallAddsBlock_CommitBlocked_UninstallGivesTheFileBack()
    {
        // What `dotnet husky install` and `husky add` write: core.hooksPath .husky, hook files run by git directly.
        Repo.Write(".husky/_/husky.sh", "#!/bin/sh\n");
        Repo.Write(".husky/task-runner.json", "{\n  \"tasks\": []\n}\n");
        WriteExecutable(".husky/pre-commit", "#!/bin/sh\n. \"$(dirname \"$0\")/_/husky.sh\"\n\n" + UserHook);
        Repo.Git("config", "core.hooksPath", ".husky");

        AssertInstallBlocksAndUninstallRestores("Husky.Net");
    }

    [Test]
    public void RealHuskyFromNpm_InstallAddsBlock_CommitBlocked_UninstallGivesTheFileBack()
    {
        var npm = FindOnPath("npm");
        if (npm is null)
        {
            Assert.Ignore("npm is not installed here; HuskyLayout covers the same files");
        }

        Repo.Write("package.json", "{ \"name\": \"hookguard-husky-test\", \"version\": \"1.0.0\", \"private\": true }\n");
        var install = ProcessRunner.Run(npm!, ["install", "--no-audit", "--no-fund", "--silent", "husky@9"], Repo.Root, Repo.Environment);
        if (install.ExitCode != 0)
        {
            Assert.Ignore($"npm could not install husky here: {install.StandardError.Split('\n')[0]}");
        }

        var init = ProcessRunner.Run(Path.Combine(Repo.Root, "node_modules", ".bin", "husky"), [], Repo.Root, Repo.Environment);
        Assert.That(init.ExitCode, Is.Zero, init.StandardError);
        Repo.Write(".husky/pre-commit", UserHook);
        Repo.Write(".gitignore", "node_modules/\n");

        AssertInstallBlocksAndUninstallRestores("Husky");
    }

    [Test]
    public void RealLefthookFromNpm_DocumentedSnippet_BlocksCommitAndPush()
    {
        var npm = FindOnPath("npm");
        if (npm is null)
        {
            Assert.Ignore("npm is not installed here");
        }

        Repo.Write("package.json", "{ \"name\": \"hookguard-lefthook-test\", \"version\": \"1.0.0\", \"private\": true }\n");
        Repo.Write(".gitignore", "node_modules/\n");
        var install = ProcessRunner.Run(npm!, ["install", "--no-audit", "--no-fund", "--silent", "lefthook@2"], Repo.Root, Repo.Environment);
        if (install.ExitCode != 0)
        {
            Assert.Ignore($"npm could not install lefthook here: {install.StandardError.Split('\n')[0]}");
        }

        Repo.Write("lefthook.yml", DocumentedSnippet("### lefthook", "yaml"));
        var hooks = ProcessRunner.Run(Path.Combine(Repo.Root, "node_modules", ".bin", "lefthook"), ["install"], Repo.Root, Repo.Environment);
        Assert.That(hooks.ExitCode, Is.Zero, hooks.StandardError + hooks.StandardOutput);
        Repo.Stage();
        Repo.Commit("set up lefthook");

        AssertCommitAndPushBlocked();
    }

    [Test]
    public void RealPreCommitFramework_OurHooksFileAndDocumentedConfig_BlockCommitAndPush()
    {
        var preCommit = FindOnPath("pre-commit");
        if (preCommit is null)
        {
            Assert.Ignore("the pre-commit framework is not installed here (.ci/run installs Debian's package when it can)");
        }

        // The framework clones the repository named in the config: a small one holding our .pre-commit-hooks.yaml.
        var manifest = File.ReadAllText(SourceTree.PathOf(".pre-commit-hooks.yaml"));
        var version = ProcessRunner.Run(preCommit!, ["--version"], Repo.Root, Repo.Environment).StandardOutput;
        if (Version.TryParse(version.Replace("pre-commit", "", StringComparison.Ordinal).Trim(), out var parsed) && parsed < new Version(3, 2))
        {
            // Frameworks before 3.2 (Debian 12 ships 3.0.4) know the stages by their old names only.
            manifest = manifest.Replace("[pre-commit]", "[commit]", StringComparison.Ordinal).Replace("[pre-push]", "[push]", StringComparison.Ordinal);
        }

        var hookRepository = Repo.ScratchDirectory("hookguard-hooks");
        File.WriteAllText(Path.Combine(hookRepository, ".pre-commit-hooks.yaml"), manifest);
        string[][] steps = [["init", "--quiet"], ["add", "."], ["commit", "--quiet", "--no-verify", "-m", "hooks"]];
        foreach (var step in steps)
        {
            Assert.That(ProcessRunner.Run("git", step, hookRepository, Repo.Environment).ExitCode, Is.Zero);
        }

        var head = ProcessRunner.Run("git", ["rev-parse", "HEAD"], hookRepository, Repo.Environment).StandardOutput.Trim();
        Repo.SetEnvironment("PRE_COMMIT_HOME", Repo.ScratchDirectory("pre-commit-home"));
        var config = DocumentedSnippet("### pre-commit framework", "yaml")
            .Replace("https://example.invalid/your-org/hookguard", hookRepository, StringComparison.Ordinal)
            .Replace("v0.1.0", head, StringComparison.Ordinal);
        Repo.Write(".pre-commit-config.yaml", config);
        Repo.Stage();
        Repo.Commit("set up pre-commit");
        var hooks = ProcessRunner.Run(preCommit!, ["install", "--hook-type", "pre-commit", "--hook-type", "pre-push"], Repo.Root, Repo.Environment);
        Assert.That(hooks.ExitCode, Is.Zero, hooks.StandardError + hooks.StandardOutput);

        AssertCommitAndPushBlocked();
    }

    /// <summary>A clean commit passes; a staged token is blocked; a token committed with --no-verify is blocked at push.</summary>
    private void AssertCommitAndPushBlocked()
    {
        Repo.AddBareRemote();
        Repo.Write("note.txt", "hello\n");
        Repo.Stage("note.txt");
        var clean = HookRun.Git(Repo, "commit", "-m", "note");
        Assert.That(clean.ExitCode, Is.Zero, clean.StandardError + clean.StandardOutput);

        Repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        Repo.Stage("deploy.env");
        var commit = HookRun.Git(Repo, "commit", "-m", "add deploy settings");
        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(commit.StandardError + commit.StandardOutput, Does.Contain("CircleCI personal API token"));

        Repo.Commit("add deploy settings");
        var push = HookRun.Git(Repo, "push", "origin", "HEAD:refs/heads/main");
        Assert.That(push.ExitCode, Is.Not.Zero);
        Assert.That(push.StandardError + push.StandardOutput, Does.Contain("CircleCI personal API token"));
    }

    /// <summary>The first fenced block of <paramref name="language"/> after <paramref name="heading"/> in docs/teams.md: what users copy.</summary>
    private static string DocumentedSnippet(string heading, string language) =>
        EndToEnd.DocumentedSnippet.Read("docs/teams.md", heading, language);

    private void AssertInstallBlocksAndUninstallRestores(string manager)
    {
        var userFile = Path.Combine(Repo.Root, ".husky", "pre-commit");
        var before = File.ReadAllBytes(userFile);
        var modeBefore = File.GetUnixFileMode(userFile);

        var install = Tool.RunInstalled(Repo, "install");
        var again = Tool.RunInstalled(Repo, "install");
        var status = Tool.RunInstalled(Repo, "status");

        Assert.That(install.ExitCode, Is.Zero, install.StandardError);
        Assert.That(install.StandardOutput, Does.Contain($"added HookGuard to {manager}'s pre-commit hook"));
        Assert.That(install.StandardOutput, Does.Contain($"created {manager}'s pre-push hook with HookGuard in it"));
        Assert.That(again.StandardOutput, Does.Contain("already has HookGuard, current"));
        Assert.That(status.ExitCode, Is.Zero, status.StandardOutput);
        Assert.That(status.StandardOutput, Does.Contain($"hook manager: {manager}"));
        Assert.That(File.ReadAllText(userFile), Does.StartWith(System.Text.Encoding.UTF8.GetString(before)));

        Repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        Repo.Stage("deploy.env");
        var commit = HookRun.Git(Repo, "commit", "-m", "add deploy settings");
        Assert.That(commit.ExitCode, Is.EqualTo(1));
        Assert.That(commit.StandardError, Does.Contain("team lint ran").And.Contain("CircleCI personal API token"));

        Repo.Git("rm", "--cached", "--quiet", "deploy.env");
        Repo.Write("note.txt", "hello\n");
        Repo.Stage("note.txt");
        var clean = HookRun.Git(Repo, "commit", "-m", "note");
        Assert.That(clean.ExitCode, Is.Zero, clean.StandardError);

        var uninstall = Tool.RunInstalled(Repo, "uninstall");
        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.StandardError);
        Assert.That(File.ReadAllBytes(userFile), Is.EqualTo(before));
        Assert.That(File.GetUnixFileMode(userFile), Is.EqualTo(modeBefore));
        Assert.That(File.Exists(Path.Combine(Repo.Root, ".husky", "pre-push")), Is.False, "the file HookGuard created is gone");
    }

    private void WriteExecutable(string relativePath, string content)
    {
        var path = Repo.Write(relativePath, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
