using LibGit2Sharp;

namespace HookGuard.Git.Tests;

public class CoveredVersionsTests
{
    private static readonly ObjectId BlobA = new("0123456789abcdef0123456789abcdef01234567");
    private static readonly ObjectId BlobB = new("0123456789abcdef0123456789abcdef01234568");
    private static readonly ObjectId BlobC = new("f123456789abcdef0123456789abcdef01234567");

    [Test]
    public void Contains_OnlyThePairAdded_SamePathAndSameBlob()
    {
        var covered = new CoveredVersions();
        covered.Add("src/a.cs", BlobA);

        Assert.Multiple(() =>
        {
            Assert.That(covered.Contains("src/a.cs", new ObjectId(BlobA.Sha)), Is.True, "an equal id, another instance");
            Assert.That(covered.Contains("src/a.cs", BlobB), Is.False, "last byte differs");
            Assert.That(covered.Contains("src/a.cs", BlobC), Is.False, "first byte differs");
            Assert.That(covered.Contains("src/b.cs", BlobA), Is.False, "same blob under another path");
            Assert.That(covered.Contains("SRC/a.cs", BlobA), Is.False, "paths compare exactly");
        });
    }

    [Test]
    public void Add_ManyVersionsOfManyPaths_EachFoundAndNoOther()
    {
        var covered = new CoveredVersions();
        var random = new Random(5);
        var added = new List<(string, ObjectId)>();
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[20];
            random.NextBytes(bytes);
            var pair = ($"dir/file{i % 37}.txt", new ObjectId(bytes));
            added.Add(pair);
            covered.Add(pair.Item1, pair.Item2);
        }

        Assert.That(added.All(pair => covered.Contains(pair.Item1, pair.Item2)), Is.True);
        Assert.That(added.Count(pair => covered.Contains(pair.Item1 + "x", pair.Item2)), Is.Zero);
        Assert.That(added.Count(pair => covered.Contains(pair.Item1 == "dir/file0.txt" ? "dir/file1.txt" : "dir/file0.txt", pair.Item2)), Is.Zero);
    }
}
