using HookGuard.Detectors;
using HookGuard.TestKit;

namespace HookGuard.Git.Tests;

/// <summary>Each case also asks git itself (<c>git rev-parse</c>) and expects the same answer.</summary>
[TestFixture]
public sealed class RepositoryLocatorTests
{
    private TempRepository _repository = null!;

    private string BaseDirectory => Path.GetDirectoryName(_repository.Root)!;

    [SetUp]
    public void SetUp()
    {
        _repository = TempRepository.Create();
        _repository.Write("a.txt", "alpha\n");
        _repository.Stage("a.txt");
        _repository.Commit();
    }

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void Locate_Subdirectory_FindsTheRepositoryAbove()
    {
        var subdirectory = Directory.CreateDirectory(Path.Combine(_repository.Root, "src", "deep")).FullName;

        var location = Locate(subdirectory);

        Assert.That(location, Is.EqualTo(new RepositoryLocation(Path.Combine(_repository.Root, ".git"), _repository.Root)));
        AssertAgreesWithGit(subdirectory, location);
    }

    [Test]
    public void Locate_GitDirVariable_UsesItWithTheCurrentDirectoryAsWorkTree()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(BaseDirectory, "elsewhere")).FullName;
        _repository.SetEnvironment("GIT_DIR", Path.Combine(_repository.Root, ".git"));

        var location = Locate(elsewhere);

        Assert.That(location, Is.EqualTo(new RepositoryLocation(Path.Combine(_repository.Root, ".git"), elsewhere)));
        AssertAgreesWithGit(elsewhere, location);
    }

    [Test]
    public void Locate_RelativeGitDirAndWorkTreeVariables_AreResolvedFromTheStartDirectory()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(BaseDirectory, "elsewhere")).FullName;
        _repository.SetEnvironment("GIT_DIR", "../repo/.git");
        _repository.SetEnvironment("GIT_WORK_TREE", "../repo");

        var location = Locate(elsewhere);

        Assert.That(location, Is.EqualTo(new RepositoryLocation(Path.Combine(_repository.Root, ".git"), _repository.Root)));
        AssertAgreesWithGit(elsewhere, location);
    }

    [Test]
    public void Locate_GitDirVariableNotARepository_ThrowsEnvironmentException()
    {
        _repository.SetEnvironment("GIT_DIR", Path.Combine(BaseDirectory, "missing"));

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Locate(_repository.Root));

        Assert.That(exception!.Message, Does.StartWith("not a git repository: "));
    }

    [Test]
    public void Locate_LinkedWorktree_FollowsItsGitFile()
    {
        var worktree = Path.Combine(BaseDirectory, "linked");
        Staged.GitOutput(_repository, "worktree", "add", "--quiet", worktree);
        var subdirectory = Directory.CreateDirectory(Path.Combine(worktree, "sub")).FullName;

        var location = Locate(subdirectory);

        Assert.That(location, Is.EqualTo(new RepositoryLocation(Path.Combine(_repository.Root, ".git", "worktrees", "linked"), worktree)));
        AssertAgreesWithGit(subdirectory, location);
    }

    [Test]
    public void Locate_LinkedWorktreeOfBareRepository_HasAWorkTree()
    {
        // A common layout: a bare clone with worktrees. git ignores the shared core.bare inside a linked worktree.
        using var bare = TempRepository.Create(bare: true);
        Staged.GitOutput(_repository, "push", "--quiet", bare.Root, "main");
        var worktree = Path.Combine(Path.GetDirectoryName(bare.Root)!, "linked");
        Assert.That(bare.Git("worktree", "add", "--quiet", worktree, "main").ExitCode, Is.Zero);

        var location = RepositoryLocator.Locate(worktree, name => bare.Environment.GetValueOrDefault(name));

        Assert.That(location, Is.EqualTo(new RepositoryLocation(Path.Combine(bare.Root, "worktrees", "linked"), worktree)));
    }

    [Test]
    public void Locate_Submodule_UsesTheGitDirectoryUnderTheSuperproject()
    {
        using var library = TempRepository.Create();
        library.Write("lib.txt", "alpha\n");
        library.Stage("lib.txt");
        library.Commit();
        var added = _repository.Git("submodule", "--quiet", "add", library.Root, "modules/lib");
        Assert.That(added.ExitCode, Is.Zero, added.StandardError);
        var submodule = Path.Combine(_repository.Root, "modules", "lib");

        var location = Locate(submodule);

        Assert.That(location, Is.EqualTo(new RepositoryLocation(Path.Combine(_repository.Root, ".git", "modules", "modules", "lib"), submodule)));
        AssertAgreesWithGit(submodule, location);
    }

    [Test]
    public void Locate_NotARepository_ThrowsEnvironmentException()
    {
        // TempRepository sets GIT_CEILING_DIRECTORIES to its base directory, so the walk cannot leave it.
        var plain = Directory.CreateDirectory(Path.Combine(BaseDirectory, "plain", "deeper")).FullName;

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Locate(plain));

        Assert.That(exception!.Message, Is.EqualTo($"not a git repository: {plain}"));
        Assert.That(_repository.Git("-C", plain, "rev-parse", "--git-dir").ExitCode, Is.Not.Zero, "git agrees");
    }

    [Test]
    public void Locate_CeilingDirectory_StopsTheWalkBelowIt()
    {
        var subdirectory = Directory.CreateDirectory(Path.Combine(_repository.Root, "sub")).FullName;
        _repository.SetEnvironment("GIT_CEILING_DIRECTORIES", _repository.Root);

        Assert.Throws<HookGuardEnvironmentException>(() => Locate(subdirectory));
        Assert.That(_repository.Git("-C", subdirectory, "rev-parse", "--git-dir").ExitCode, Is.Not.Zero, "git agrees");
    }

    [Test]
    public void Locate_MissingDirectory_ThrowsEnvironmentException()
    {
        var missing = Path.Combine(BaseDirectory, "missing");

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Locate(missing));

        Assert.That(exception!.Message, Does.StartWith($"not a git repository: {missing}"));
    }

    [Test]
    public void Locate_BareRepository_HasNoWorkingDirectory()
    {
        using var bare = TempRepository.Create(bare: true);

        var location = RepositoryLocator.Locate(bare.Root, name => bare.Environment.GetValueOrDefault(name));

        Assert.That(location, Is.EqualTo(new RepositoryLocation(bare.Root, null)));
        Assert.That(location.IsBare, Is.True);
    }

    [Test]
    public void Locate_CoreWorktreeSetting_IsHonoured()
    {
        var separateWorkTree = Directory.CreateDirectory(Path.Combine(BaseDirectory, "separate")).FullName;
        Staged.GitOutput(_repository, "config", "core.worktree", "../../separate");
        _repository.SetEnvironment("GIT_DIR", Path.Combine(_repository.Root, ".git"));

        var location = Locate(_repository.Root);

        Assert.That(location, Is.EqualTo(new RepositoryLocation(Path.Combine(_repository.Root, ".git"), separateWorkTree)));
        AssertAgreesWithGit(_repository.Root, location);
    }

    private RepositoryLocation Locate(string startDirectory) => Staged.Locate(_repository, startDirectory);

    private void AssertAgreesWithGit(string startDirectory, RepositoryLocation location)
    {
        var gitDirectory = ProcessRunner.Run("git", ["rev-parse", "--absolute-git-dir"], startDirectory, _repository.Environment);
        var topLevel = ProcessRunner.Run("git", ["rev-parse", "--show-toplevel"], startDirectory, _repository.Environment);

        Assert.That(location.GitDirectory, Is.EqualTo(Path.GetFullPath(gitDirectory.StandardOutput.Trim())), "git directory, as git sees it");
        Assert.That(location.WorkingDirectory, Is.EqualTo(Path.GetFullPath(topLevel.StandardOutput.Trim())), "work tree, as git sees it");
    }
}
