using HookGuard.Detectors;
using HookGuard.TestKit;

namespace HookGuard.Hooks.Tests;

/// <summary>The installer writes where git will look: core.hooksPath, linked worktrees, GIT_DIR; and refuses non-repositories.</summary>
[TestFixture(HookKind.PreCommit)]
[TestFixture(HookKind.PrePush)]
public sealed class HooksDirectoryTests(HookKind hook)
{

    private TempRepository _repository = null!;

    private string BaseDirectory => Path.GetDirectoryName(_repository.Root)!;

    private HookKind[] Hooks => [hook];

    private string Name => HookInstaller.HookName(hook);

    [SetUp]
    public void SetUp() => _repository = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void Install_FromSubdirectory_WritesIntoGitHooks()
    {
        var subdirectory = Directory.CreateDirectory(Path.Combine(_repository.Root, "src", "deep")).FullName;

        var outcome = Installer().Install(subdirectory, Hooks, force: false).Hooks.Single();

        Assert.That(outcome.ScriptPath, Is.EqualTo(Path.Combine(_repository.Root, ".git", "hooks", Name)));
        Assert.That(File.Exists(outcome.ScriptPath), Is.True);
    }

    [Test]
    public void Install_RelativeCoreHooksPath_WritesRelativeToWorkTreeRoot()
    {
        Git("config", "core.hooksPath", ".githooks");
        var subdirectory = Directory.CreateDirectory(Path.Combine(_repository.Root, "src", "deep")).FullName;

        var outcome = Installer().Install(subdirectory, Hooks, force: false).Hooks.Single();

        var expected = Path.Combine(_repository.Root, ".githooks", Name);
        Assert.That(outcome.ScriptPath, Is.EqualTo(expected));
        Assert.That(File.Exists(expected), Is.True);
        Assert.That(File.Exists(Path.Combine(_repository.Root, ".git", "hooks", Name)), Is.False);
        Assert.That(Directory.Exists(Path.Combine(subdirectory, ".githooks")), Is.False);
    }

    [Test]
    public void Install_AbsoluteCoreHooksPath_WritesThere()
    {
        var shared = Path.Combine(BaseDirectory, "shared-hooks");
        Git("config", "core.hooksPath", shared);

        var outcome = Installer().Install(_repository.Root, Hooks, force: false).Hooks.Single();

        Assert.That(outcome.ScriptPath, Is.EqualTo(Path.Combine(shared, Name)));
        Assert.That(File.Exists(outcome.ScriptPath), Is.True);
        Assert.That(File.Exists(Path.Combine(_repository.Root, ".git", "hooks", Name)), Is.False);
    }

    [Test]
    public void Install_InstalledHook_IsTheOneGitRuns()
    {
        // Whatever path we report, git itself must run that script on commit.
        Git("config", "core.hooksPath", ".githooks");
        var outcome = Installer().Install(_repository.Root, Hooks, force: false).Hooks.Single();
        File.WriteAllText(outcome.ScriptPath, $"#!/bin/sh\n{HookInstaller.Marker} {Name}\necho ran-by-git >&2\nexit 1\n");

        var result = HookedGit.Run(_repository, hook);

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.StandardError, Does.Contain("ran-by-git"));
    }

    [Test]
    public void Install_LinkedWorktree_WritesIntoCommonHooksDirectory()
    {
        _repository.Write("a.txt", "a\n");
        _repository.Stage("a.txt");
        _repository.Commit("first");
        var worktree = Path.Combine(BaseDirectory, "linked");
        Git("worktree", "add", "--quiet", worktree);

        var outcome = Installer().Install(worktree, Hooks, force: false).Hooks.Single();

        Assert.That(outcome.ScriptPath, Is.EqualTo(Path.Combine(_repository.Root, ".git", "hooks", Name)));
        Assert.That(File.Exists(outcome.ScriptPath), Is.True);
        Assert.That(Directory.GetFiles(Path.Combine(_repository.Root, ".git", "worktrees"), Name, SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void Install_Submodule_WritesIntoItsModuleGitDirectory()
    {
        using var library = TempRepository.Create();
        library.Write("lib.txt", "lib\n");
        library.Stage("lib.txt");
        library.Commit("library");
        Git("submodule", "add", "--quiet", library.Root, "lib");

        var outcome = Installer().Install(Path.Combine(_repository.Root, "lib"), Hooks, force: false).Hooks.Single();

        Assert.That(outcome.ScriptPath, Is.EqualTo(Path.Combine(_repository.Root, ".git", "modules", "lib", "hooks", Name)));
        Assert.That(File.Exists(outcome.ScriptPath), Is.True);
        Assert.That(File.Exists(Path.Combine(_repository.Root, ".git", "hooks", Name)), Is.False);
    }

    [Test]
    public void Install_GitDirVariable_IsHonoured()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(BaseDirectory, "elsewhere")).FullName;
        var environment = new Dictionary<string, string?>(_repository.Environment)
        {
            ["GIT_DIR"] = Path.Combine(_repository.Root, ".git"),
        };

        var outcome = new HookInstaller(environment).Install(elsewhere, Hooks, force: false).Hooks.Single();

        Assert.That(outcome.ScriptPath, Is.EqualTo(Path.Combine(_repository.Root, ".git", "hooks", Name)));
        Assert.That(Directory.GetFileSystemEntries(elsewhere), Is.Empty);
    }

    [Test]
    public void Install_NotARepository_ThrowsEnvironmentExceptionAndCreatesNothing()
    {
        var plain = Directory.CreateDirectory(Path.Combine(BaseDirectory, "plain")).FullName;

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Installer().Install(plain, Hooks, force: false));

        Assert.That(exception!.Message, Is.EqualTo($"not a git repository: {plain}"));
        Assert.That(Directory.GetFileSystemEntries(plain), Is.Empty);
    }

    [Test]
    public void Uninstall_NotARepository_ThrowsEnvironmentException()
    {
        var plain = Directory.CreateDirectory(Path.Combine(BaseDirectory, "plain")).FullName;

        Assert.Throws<HookGuardEnvironmentException>(() => Installer().Uninstall(plain, Hooks));
        Assert.Throws<HookGuardEnvironmentException>(() => Installer().Status(plain, Hooks));
    }

    [Test]
    public void Install_MissingDirectory_ThrowsEnvironmentException()
    {
        var missing = Path.Combine(BaseDirectory, "missing");

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Installer().Install(missing, Hooks, force: false));

        Assert.That(exception!.Message, Does.StartWith($"not a git repository: {missing}"));
        Assert.That(Directory.Exists(missing), Is.False);
    }

    [Test]
    public void Install_BareRepository_ThrowsEnvironmentExceptionAndCreatesNothing()
    {
        using var bare = TempRepository.Create(bare: true);
        var hooks = Path.Combine(bare.Root, "hooks");
        var before = Directory.Exists(hooks) ? Directory.GetFileSystemEntries(hooks) : [];

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => new HookInstaller(bare.Environment).Install(bare.Root, Hooks, force: false));

        Assert.That(exception!.Message, Does.StartWith("bare repository: "));
        Assert.That(Directory.Exists(hooks) ? Directory.GetFileSystemEntries(hooks) : [], Is.EqualTo(before));
    }

    [Test]
    [NonParallelizable]
    public void Install_GitNotFound_ThrowsEnvironmentException()
    {
        // .NET resolves the program through this process's PATH, so the test changes it briefly.
        var empty = Directory.CreateDirectory(Path.Combine(BaseDirectory, "empty-path")).FullName;
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", empty);
        try
        {
            var exception = Assert.Throws<HookGuardEnvironmentException>(() => Installer().Install(_repository.Root, Hooks, force: false));

            Assert.That(exception!.Message, Does.StartWith("git not found"));
            Assert.That(exception.Hint, Does.Contain("PATH"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }

        Assert.That(File.Exists(Path.Combine(_repository.Root, ".git", "hooks", Name)), Is.False);
    }

    private HookInstaller Installer() => new(_repository.Environment);

    private void Git(params string[] arguments)
    {
        var result = _repository.Git(arguments);
        Assert.That(result.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)}: {result.StandardError}");
    }
}
