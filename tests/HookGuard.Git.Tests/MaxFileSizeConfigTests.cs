using HookGuard.Detectors;
using HookGuard.TestKit;
using static HookGuard.Git.Tests.Staged;

namespace HookGuard.Git.Tests;

/// <summary><see cref="StagedScanOptions.FromGitConfig"/>: hookguard.maxFileSize from the config files git would read.</summary>
[TestFixture]
public sealed class MaxFileSizeConfigTests
{
    private TempRepository _repository = null!;

    [SetUp]
    public void SetUp() => _repository = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void FromGitConfig_Unset_IsTheDefault() =>
        Assert.That(Read().MaxFileBytes, Is.EqualTo(StagedScanOptions.DefaultMaxFileBytes).And.EqualTo(5 * 1024 * 1024));

    [TestCase("1k", 1024)]
    [TestCase("10m", 10 * 1024 * 1024)]
    [TestCase("1g", 1024 * 1024 * 1024)]
    [TestCase("1500", 1500)]
    public void FromGitConfig_RepositoryValue_IsUsed(string value, long bytes)
    {
        Git("config", "hookguard.maxFileSize", value);

        Assert.That(Read().MaxFileBytes, Is.EqualTo(bytes));
    }

    [Test]
    public void FromGitConfig_GlobalValue_IsUsedAndTheRepositoryValueWins()
    {
        // The test kit names its global file in GIT_CONFIG_GLOBAL, which libgit2 alone would not read.
        Git("config", "--global", "hookguard.maxFileSize", "2m");
        var global = Read().MaxFileBytes;
        Git("config", "hookguard.maxFileSize", "3k");

        Assert.That(global, Is.EqualTo(2 * 1024 * 1024));
        Assert.That(Read().MaxFileBytes, Is.EqualTo(3 * 1024));
    }

    [Test]
    public void FromGitConfig_SystemFile_IsReadUnlessGitConfigNoSystem()
    {
        var systemFile = Path.Combine(Path.GetDirectoryName(_repository.Root)!, "system-gitconfig");
        File.WriteAllText(systemFile, "[hookguard]\n\tmaxFileSize = 4k\n");
        _repository.SetEnvironment("GIT_CONFIG_SYSTEM", systemFile);
        var withoutSystem = Read().MaxFileBytes;
        _repository.SetEnvironment("GIT_CONFIG_NOSYSTEM", null);

        Assert.That(withoutSystem, Is.EqualTo(StagedScanOptions.DefaultMaxFileBytes));
        Assert.That(Read().MaxFileBytes, Is.EqualTo(4 * 1024));
        Assert.That(Git("config", "--type=int", "hookguard.maxFileSize"), Is.EqualTo("4096"), "git reads it the same way");
    }

    [Test]
    public void FromGitConfig_LinkedWorktree_ReadsTheMainRepositorysConfig()
    {
        _repository.Write("a.txt", "alpha\n");
        _repository.Stage("a.txt");
        _repository.Commit();
        Git("config", "hookguard.maxFileSize", "6k");
        var worktree = Path.Combine(Path.GetDirectoryName(_repository.Root)!, "linked");
        Git("worktree", "add", "--quiet", worktree);

        var options = StagedScanOptions.FromGitConfig(Locate(_repository, worktree), Environment);

        Assert.That(options.MaxFileBytes, Is.EqualTo(6 * 1024));
    }

    [Test]
    public void FromGitConfig_OutsideARepository_ReadsTheGlobalValue()
    {
        Git("config", "--global", "hookguard.maxFileSize", "7k");

        Assert.That(StagedScanOptions.FromGitConfig(null, Environment).MaxFileBytes, Is.EqualTo(7 * 1024));
    }

    [TestCase("12q", "not a whole number with an optional k, m or g suffix")]
    [TestCase("1.5m", "not a whole number with an optional k, m or g suffix")]
    [TestCase("0", "must be between 1 and 1g")]
    [TestCase("-1k", "must be between 1 and 1g")]
    [TestCase("2g", "must be between 1 and 1g")]
    public void FromGitConfig_BadValue_ThrowsUsageExceptionNamingTheKey(string value, string reason)
    {
        Git("config", "hookguard.maxFileSize", value);

        var exception = Assert.Throws<HookGuardUsageException>(() => Read());

        Assert.That(exception!.Message, Is.EqualTo($"bad hookguard.maxFileSize '{value}': {reason}"));
        Assert.That(exception.Hint, Does.Contain("git config hookguard.maxFileSize 10m"));
    }

    [Test]
    public void FromGitConfig_KeyWithoutAValue_ThrowsUsageException()
    {
        File.AppendAllText(Path.Combine(_repository.Root, ".git", "config"), "[hookguard]\n\tmaxFileSize\n");

        Assert.That(() => Read(), Throws.TypeOf<HookGuardUsageException>().With.Message.StartsWith("bad hookguard.maxFileSize ''"));
    }

    private StagedScanOptions Read() => StagedScanOptions.FromGitConfig(Locate(_repository, _repository.Root), Environment);

    private string? Environment(string name) => _repository.Environment.GetValueOrDefault(name);

    private string Git(params string[] arguments) => GitOutput(_repository, arguments);
}
