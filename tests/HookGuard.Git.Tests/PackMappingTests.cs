using System.Text;
using HookGuard.TestKit;
using static HookGuard.Git.Tests.Commits;
using static HookGuard.Git.Tests.Staged;

namespace HookGuard.Git.Tests;

[NonParallelizable]
public class PackMappingTests
{
    [Test]
    public void TryLimit_WindowAndMappedLimit_AreWhatLibgit2ReportsBack()
    {
        // Through the variadic git_libgit2_opts by function pointer: a wrong option number or calling convention shows
        // here as a failure or as other values read back.
        var before = PackMapping.Current();
        Assert.That(before, Is.Not.Null, "git_libgit2_opts was not found in the libgit2 LibGit2Sharp loaded");
        try
        {
            Assert.That(PackMapping.TryLimit(3 << 20, 24 << 20), Is.True);
            Assert.That(PackMapping.Current(), Is.EqualTo(((nuint)(3 << 20), (nuint)(24 << 20))));
        }
        finally
        {
            PackMapping.TryLimit(before!.Value.WindowBytes, before.Value.MappedBytes);
        }
    }

    [Test]
    public void LimitPackMapping_SetsTheHistoryLimits()
    {
        var before = PackMapping.Current()!.Value;
        try
        {
            RepositoryAccess.LimitPackMapping();

            Assert.That(PackMapping.Current(), Is.EqualTo((RepositoryAccess.PackWindowBytes, RepositoryAccess.PackMappedBytes)));
        }
        finally
        {
            PackMapping.TryLimit(before.WindowBytes, before.MappedBytes);
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
        var before = PackMapping.Current()!.Value;
        try
        {
            Assert.That(PackMapping.TryLimit(32 << 10, 64 << 10), Is.True);

            var windowed = source.ReadHistoryInFull(source.AllCommits());

            Assert.That(windowed.Fragments, Is.EqualTo(whole.Fragments));
            Assert.That(whole.Fragments, Has.Count.EqualTo(12));
        }
        finally
        {
            PackMapping.TryLimit(before.WindowBytes, before.MappedBytes);
        }
    }
}
