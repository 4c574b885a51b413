using System.Text;
using HookGuard.TestKit;
using LibGit2Sharp;
using static HookGuard.Git.Tests.Commits;
using static HookGuard.Git.Tests.Staged;

namespace HookGuard.Git.Tests;

[NonParallelizable]
public class LibGit2OptionsTests
{
    [Test]
    public void TryLimitPackMapping_WindowAndMappedLimit_AreWhatLibgit2ReportsBack()
    {
        // Through the variadic git_libgit2_opts by function pointer: a wrong option number or calling convention shows
        // here as a failure or as other values read back.
        var before = LibGit2Options.PackMapping();
        Assert.That(before, Is.Not.Null, "git_libgit2_opts was not found in the libgit2 LibGit2Sharp loaded");
        try
        {
            Assert.That(LibGit2Options.TryLimitPackMapping(3 << 20, 24 << 20), Is.True);
            Assert.That(LibGit2Options.PackMapping(), Is.EqualTo(((nuint)(3 << 20), (nuint)(24 << 20))));
        }
        finally
        {
            LibGit2Options.TryLimitPackMapping(before!.Value.WindowBytes, before.Value.MappedBytes);
        }
    }

    [Test]
    public void LimitPackMapping_SetsTheHistoryLimits()
    {
        var before = LibGit2Options.PackMapping()!.Value;
        try
        {
            RepositoryAccess.LimitPackMapping();

            Assert.That(LibGit2Options.PackMapping(), Is.EqualTo((RepositoryAccess.PackWindowBytes, RepositoryAccess.PackMappedBytes)));
        }
        finally
        {
            LibGit2Options.TryLimitPackMapping(before.WindowBytes, before.MappedBytes);
        }
    }

    [Test]
    public void HistoryRead_WindowsMuchSmallerThanThePack_ReadsWhatMappingItWholeReads()
    {
        using var repository = TempRepository.Create();
        var random = new Random(7);
        for (var i = 0; i < 12; i++)
        {
            // Lines of random digits barely compress, so the pack is several times the mapped limit below.
            var text = new StringBuilder();
            for (var line = 0; line < 1500; line++)
            {
                text.Append("value ").Append(random.NextInt64()).Append(' ').Append(random.NextInt64()).Append('\n');
            }

            CommitFile(repository, $"data/{i % 4}.txt", text.ToString());
        }

        GitOutput(repository, "gc", "--quiet");
        var packBytes = Directory.GetFiles(Path.Combine(repository.Root, ".git", "objects", "pack"), "*.pack").Sum(pack => new FileInfo(pack).Length);
        Assert.That(packBytes, Is.GreaterThan(4 * (64 << 10)), "the pack must not fit in the mapped limit");
        var source = Source(repository);
        var whole = source.ReadHistoryInFull(source.AllCommits());
        var before = LibGit2Options.PackMapping()!.Value;
        try
        {
            Assert.That(LibGit2Options.TryLimitPackMapping(32 << 10, 64 << 10), Is.True);

            var windowed = source.ReadHistoryInFull(source.AllCommits());

            Assert.That(windowed.Fragments, Is.EqualTo(whole.Fragments));
            Assert.That(whole.Fragments, Has.Count.EqualTo(12));
        }
        finally
        {
            LibGit2Options.TryLimitPackMapping(before.WindowBytes, before.MappedBytes);
        }
    }

    [Test]
    public void LookingUpABlob_KeepsItInLibgit2sCache()
    {
        // RepositoryAccess asks libgit2 to cache blobs (it caches none by default), so LibGit2Sharp's repeated lookups of
        // one blob inflate it once. A blob of 200 KB looked up must show in the cache's size while the repository is open.
        using var repository = TempRepository.Create();
        CommitFile(repository, "README.md", "hello\n");
        var text = new StringBuilder();
        var random = new Random(11);
        while (text.Length < 200_000)
        {
            text.Append("row ").Append(random.NextInt64()).Append('\n');
        }

        repository.Write("data.txt", text.ToString());
        repository.Stage("data.txt");
        // A history read earlier in this process may have turned libgit2's caching off, as scan history does.
        GlobalSettings.SetEnableCaching(true);
        using var opened = RepositoryAccess.Open(Locate(repository, repository.Root));
        var id = opened.Index["data.txt"].Id;
        var before = LibGit2Options.Cache()!.Value;

        var blob = opened.Lookup<Blob>(id);

        Assert.That(blob.Size, Is.EqualTo(text.Length));
        Assert.That(LibGit2Options.Cache()!.Value.Current - before.Current, Is.GreaterThanOrEqualTo(200_000));
        Assert.That(before.Allowed, Is.EqualTo((long)RepositoryAccess.CacheBytes), "the cache's bound, as RepositoryAccess sets it");
    }
}
