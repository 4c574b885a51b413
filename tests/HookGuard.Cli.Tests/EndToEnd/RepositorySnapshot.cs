using System.Security.Cryptography;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// The invariant every end-to-end test asserts: a scan changes nothing — the index file, the HEAD file and the commit it
/// resolves to, the working tree and the hook files are byte for byte the same.
/// </summary>
/// <remarks>
/// `git commit` writes the index before it runs the pre-commit hook, even when the hook then blocks: it refreshes the
/// entries' stat data and fills in the cache tree of the paths just staged. <see cref="Take"/> therefore settles the
/// index first with <c>git commit --dry-run</c>, which prepares and writes the index exactly as a commit does and then
/// stops, running no hook; git's own write before the hook then rewrites the same bytes, and any write by the scan
/// shows. <c>git update-index --refresh</c> with <c>git write-tree</c> is not enough: with a sparse index
/// (<c>index.sparse</c>) write-tree leaves a cache tree that differs from the one commit writes. Checked by hand over
/// 20 blocked commits (staged additions and edits, <c>commit -a</c>, a sparse index, pauses that cross second
/// boundaries for racily clean entries): the settled index bytes never changed.
/// </remarks>
internal sealed record RepositorySnapshot(
    string Head, string HeadFile, string IndexEntries, string IndexFile, IReadOnlyDictionary<string, string> FileHashes)
{
    /// <summary>The state before a run, the index settled first.</summary>
    public static RepositorySnapshot Take(TempRepository repository) => Take(repository.Root, arguments => repository.Git(arguments));

    /// <summary>The state of the repository or linked worktree at <paramref name="root"/> before a run, git run there by <paramref name="git"/>.</summary>
    public static RepositorySnapshot Take(string root, Func<string[], ProcessResult> git)
    {
        ArgumentNullException.ThrowIfNull(git);
        // Its exit code does not matter: with nothing staged it fails after writing the index; in a bare repository,
        // or with unmerged entries, there is no index a commit would write either.
        git(["commit", "--dry-run", "--quiet"]);
        return TakeAsIs(root, git);
    }

    /// <summary>The state after a run, read without writing anything: settling again could hide what the run wrote.</summary>
    public static RepositorySnapshot TakeAsIs(string root, Func<string[], ProcessResult> git)
    {
        ArgumentNullException.ThrowIfNull(git);
        var head = git(["rev-parse", "--verify", "-q", "HEAD"]).StandardOutput.Trim();
        var headFile = HashOrEmpty(GitPath(root, git, "HEAD"));
        var indexEntries = git(["ls-files", "--stage"]).StandardOutput;
        var indexFile = HashOrEmpty(GitPath(root, git, "index"));
        var gitDirectory = Path.Combine(root, ".git");
        var hooks = GitPath(root, git, "hooks");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(gitDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Concat(Directory.Exists(hooks) ? Directory.EnumerateFiles(hooks) : [])
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(root, f), Hash);
        return new RepositorySnapshot(head, headFile, indexEntries, indexFile, files);
    }

    /// <summary>A run that let the commit through may move HEAD and the index; the working tree and hooks stay.</summary>
    public void AssertWorkingTreeAndHooksUnchanged(TempRepository repository) =>
        Assert.That(After(repository).FileHashes, Is.EquivalentTo(FileHashes), "working tree or hooks changed");

    public void AssertUnchanged(TempRepository repository) => AssertEqualTo(After(repository));

    /// <summary>
    /// For a run that writes output files into the working tree (a CI job's report): those may appear, nothing else changes.
    /// </summary>
    public void AssertUnchangedBesides(TempRepository repository, params string[] writtenFiles)
    {
        var now = After(repository);
        var files = now.FileHashes.Where(file => !writtenFiles.Contains(file.Key, StringComparer.Ordinal)).ToDictionary();
        AssertEqualTo(now with { FileHashes = files });
    }

    public static RepositorySnapshot After(TempRepository repository) => TakeAsIs(repository.Root, arguments => repository.Git(arguments));

    public void AssertEqualTo(RepositorySnapshot now)
    {
        ArgumentNullException.ThrowIfNull(now);
        Assert.That(now.Head, Is.EqualTo(Head), "HEAD moved");
        Assert.That(now.HeadFile, Is.EqualTo(HeadFile), "the HEAD file changed");
        Assert.That(now.IndexEntries, Is.EqualTo(IndexEntries), "staged entries changed");
        Assert.That(now.IndexFile, Is.EqualTo(IndexFile), "the index file changed");
        Assert.That(now.FileHashes, Is.EquivalentTo(FileHashes), "working tree or hooks changed");
    }

    /// <summary>Where git keeps <paramref name="name"/> for this working tree: a linked worktree has its own HEAD and index.</summary>
    private static string GitPath(string root, Func<string[], ProcessResult> git, string name) =>
        Path.GetFullPath(git(["rev-parse", "--git-path", name]).StandardOutput.Trim(), root);

    private static string HashOrEmpty(string path) => File.Exists(path) ? Hash(path) : "";

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
