using System.Security.Cryptography;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// The invariant every end-to-end test asserts: a scan changes nothing — staged entries, working
/// tree, HEAD and hook files stay the same.
/// </summary>
/// <remarks>
/// The index is compared by its entries (<c>git ls-files --stage</c>), not its bytes, because
/// `git commit` itself rewrites the index's stat cache before it runs the hook. Scans run without
/// git in between are checked byte for byte in <see cref="ScanCommandTests"/>.
/// </remarks>
internal sealed record RepositorySnapshot(string Head, string IndexEntries, IReadOnlyDictionary<string, string> FileHashes)
{
    public static RepositorySnapshot Take(TempRepository repository)
    {
        var head = repository.Git("rev-parse", "--verify", "-q", "HEAD").StandardOutput.Trim();
        var index = repository.Git("ls-files", "--stage").StandardOutput;
        var gitDir = Path.Combine(repository.Root, ".git");
        var hooks = Path.Combine(gitDir, "hooks");
        var files = Directory.EnumerateFiles(repository.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(gitDir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Concat(Directory.Exists(hooks) ? Directory.EnumerateFiles(hooks) : [])
            .ToDictionary(f => Path.GetRelativePath(repository.Root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        return new RepositorySnapshot(head, index, files);
    }

    /// <summary>A run that let the commit through may move HEAD and the index; the working tree and hooks stay.</summary>
    public void AssertWorkingTreeAndHooksUnchanged(TempRepository repository) =>
        Assert.That(Take(repository).FileHashes, Is.EquivalentTo(FileHashes), "working tree or hooks changed");

    public void AssertUnchanged(TempRepository repository)
    {
        var now = Take(repository);
        Assert.That(now.Head, Is.EqualTo(Head), "HEAD moved");
        Assert.That(now.IndexEntries, Is.EqualTo(IndexEntries), "staged entries changed");
        Assert.That(now.FileHashes, Is.EquivalentTo(FileHashes), "working tree or hooks changed");
    }
}
