using HookGuard.TestKit;

namespace HookGuard.Git.Tests;

/// <summary>The shared test kit is relied on by every test project; these pin down what they rely on.</summary>
[TestFixture]
public sealed class TempRepositoryTests
{
    [Test]
    public void Create_NewRepository_IsOnMainWithTheTestIdentityAndNoSystemConfig()
    {
        using var repository = TempRepository.Create();

        repository.Write("a.txt", "alpha\n");
        repository.Stage("a.txt");
        var commit = repository.Commit("first");

        Assert.That(commit, Does.Match("^[0-9a-f]{40}$"));
        Assert.That(repository.Git("symbolic-ref", "--short", "HEAD").StandardOutput.Trim(), Is.EqualTo("main"));
        Assert.That(repository.Git("log", "-1", "--format=%an <%ae>").StandardOutput.Trim(), Is.EqualTo("HookGuard Test <test@example.invalid>"));
        Assert.That(repository.Environment["GIT_CONFIG_NOSYSTEM"], Is.EqualTo("1"));
        Assert.That(File.Exists(repository.Environment["GIT_CONFIG_GLOBAL"]), Is.True);
    }

    [Test]
    public void Commit_WithoutRunHooks_SkipsAFailingHook()
    {
        using var repository = TempRepository.Create();
        var hook = repository.Write(".git/hooks/pre-commit", "#!/bin/sh\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        repository.Write("a.txt", "alpha\n");
        repository.Stage("a.txt");

        Assert.That(() => repository.Commit(), Throws.Nothing);
        repository.Write("a.txt", "beta\n");
        repository.Stage("a.txt");
        Assert.That(() => repository.Commit(runHooks: true), Throws.InvalidOperationException);
    }

    [Test]
    public void Stage_MissingPath_ThrowsWithGitsMessage()
    {
        using var repository = TempRepository.Create();

        Assert.That(() => repository.Stage("missing.txt"), Throws.InvalidOperationException.With.Message.Contains("missing.txt"));
    }

    [Test]
    public void AddBareRemote_PushedCommit_ArrivesAndIsDeletedWithTheRepository()
    {
        string remoteRoot;
        using (var repository = TempRepository.Create())
        {
            var remote = repository.AddBareRemote();
            remoteRoot = remote.Root;
            repository.Write("a.txt", "alpha\n");
            repository.Stage("a.txt");
            var commit = repository.Commit();

            Assert.That(repository.Git("push", "--quiet", "origin", "main").ExitCode, Is.Zero);
            Assert.That(remote.Git("rev-parse", "main").StandardOutput.Trim(), Is.EqualTo(commit));
        }

        Assert.That(Directory.Exists(remoteRoot), Is.False);
    }

    [Test]
    public void Git_StandardInputAndEnvironment_ArePassedToGit()
    {
        using var repository = TempRepository.Create();
        repository.SetEnvironment("GIT_AUTHOR_NAME", "Someone Else");

        var blob = repository.Git("alpha beta", ["hash-object", "--stdin"]);
        var identity = repository.Git("var", "GIT_AUTHOR_IDENT");

        Assert.That(blob.StandardOutput.Trim(), Does.Match("^[0-9a-f]{40}$"));
        Assert.That(identity.StandardOutput, Does.StartWith("Someone Else <"));
    }

    [Test]
    public void Git_SeveralStrings_AreAllArgumentsNotInput()
    {
        using var repository = TempRepository.Create();

        var result = repository.Git("config", "user.name");

        Assert.That(result.StandardOutput.Trim(), Is.EqualTo("HookGuard Test"));
    }

    [Test]
    public void Dispose_RepositoryWithReadOnlyObjects_DeletesEverything()
    {
        var repository = TempRepository.Create();
        repository.Write("a.txt", "alpha\n");
        repository.Stage("a.txt");
        repository.Commit();
        var baseDirectory = Path.GetDirectoryName(repository.Root)!;

        repository.Dispose();

        Assert.That(Directory.Exists(baseDirectory), Is.False);
    }

    [Test]
    public void Run_NonZeroExit_IsReturnedNotThrown()
    {
        var result = ProcessRunner.Run("git", ["no-such-command"], Path.GetTempPath());

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.StandardError, Is.Not.Empty);
    }
}
