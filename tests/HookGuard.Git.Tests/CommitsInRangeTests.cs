using HookGuard.Detectors;
using HookGuard.TestKit;
using static HookGuard.Git.Tests.Commits;
using static HookGuard.Git.Tests.Staged;

namespace HookGuard.Git.Tests;

/// <summary>
/// The history every test here reads: main c1-c2-c3-c4-c5, and feature f1-f2 branched from c3; HEAD is main.
/// </summary>
[TestFixture]
public sealed class CommitsInRangeTests
{
    private TempRepository _repository = null!;
    private string[] _main = null!;
    private string[] _feature = null!;

    [SetUp]
    public void SetUp()
    {
        _repository = TempRepository.Create();
        _main = new string[5];
        _feature = new string[2];
        for (var i = 0; i < 3; i++)
        {
            _main[i] = CommitFile(_repository, "main.txt", NumberedLines(i + 1), $"c{i + 1}");
        }

        GitOutput(_repository, "branch", "feature");
        for (var i = 3; i < 5; i++)
        {
            _main[i] = CommitFile(_repository, "main.txt", NumberedLines(i + 1), $"c{i + 1}");
        }

        GitOutput(_repository, "switch", "--quiet", "feature");
        _feature[0] = CommitFile(_repository, "feature.txt", "one\n", "f1");
        _feature[1] = CommitFile(_repository, "feature.txt", "one\ntwo\n", "f2");
        GitOutput(_repository, "switch", "--quiet", "main");
    }

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void CommitsInRange_TwoDots_ReturnsReachableFromRightNotLeftOldestFirst()
    {
        var commits = Source(_repository).CommitsInRange($"{_main[1]}..main~1");

        Assert.That(Shas(commits), Is.EqualTo(new[] { _main[2], _main[3] }));
        Assert.That(string.Join(", ", commits.Select(commit => commit.Subject)), Is.EqualTo("c3, c4"));
    }

    [Test]
    public void CommitsInRange_BranchNames_ReturnsTheBranchsOwnCommits() =>
        Assert.That(Shas(Source(_repository).CommitsInRange("main..feature")), Is.EqualTo(_feature));

    [Test]
    public void CommitsInRange_EmptyLeftSide_MeansHead() =>
        Assert.That(Shas(Source(_repository).CommitsInRange("..feature")), Is.EqualTo(_feature));

    [Test]
    public void CommitsInRange_EmptyRightSide_MeansHead() =>
        Assert.That(Shas(Source(_repository).CommitsInRange("feature..")), Is.EqualTo(_main[3..]));

    [Test]
    public void CommitsInRange_ShortIdAndTag_AreResolved()
    {
        GitOutput(_repository, "tag", "-a", "v1", "-m", "release", _main[1]);

        var commits = Source(_repository).CommitsInRange($"v1..{_main[3][..10]}");

        Assert.That(Shas(commits), Is.EqualTo(_main[2..4]));
    }

    [Test]
    public void CommitsInRange_SingleRevision_ReturnsEveryReachableCommitOldestFirst() =>
        Assert.That(Shas(Source(_repository).CommitsInRange("feature")), Is.EqualTo(new[] { _main[0], _main[1], _main[2], _feature[0], _feature[1] }));

    [Test]
    public void CommitsInRange_ThreeDots_ReturnsCommitsOnEitherSideButNotBoth()
    {
        var commits = Shas(Source(_repository).CommitsInRange("main...feature"));

        Assert.That(commits, Is.EquivalentTo(_main[3..].Concat(_feature)));
        Assert.That(Array.IndexOf(commits, _main[3]), Is.LessThan(Array.IndexOf(commits, _main[4])));
        Assert.That(Array.IndexOf(commits, _feature[0]), Is.LessThan(Array.IndexOf(commits, _feature[1])));
    }

    [Test]
    public void CommitsInRange_MergedBranch_ReturnsTheMergeAndWhatItBroughtParentsFirst()
    {
        var before = GitOutput(_repository, "rev-parse", "HEAD");
        GitOutput(_repository, "merge", "--quiet", "--no-edit", "feature");
        var merge = GitOutput(_repository, "rev-parse", "HEAD");

        var commits = Shas(Source(_repository).CommitsInRange($"{before}..HEAD"));

        Assert.That(commits, Is.EqualTo(new[] { _feature[0], _feature[1], merge }));
    }

    [TestCase("nope", "nope")]
    [TestCase("main..nope", "nope")]
    [TestCase("nope...main", "nope")]
    [TestCase("HEAD~9", "HEAD~9")]
    [TestCase("main..HEAD~x", "HEAD~x")]
    public void CommitsInRange_UnknownRevision_ThrowsUsageExceptionNamingIt(string range, string unknown)
    {
        var exception = Assert.Throws<HookGuardUsageException>(() => Source(_repository).CommitsInRange(range));

        Assert.That(exception!.Message, Is.EqualTo($"unknown revision '{unknown}'"));
    }

    [Test]
    public void CommitsInRange_RevisionOfAFile_ThrowsUsageException()
    {
        var exception = Assert.Throws<HookGuardUsageException>(() => Source(_repository).CommitsInRange("HEAD:main.txt"));

        Assert.That(exception!.Message, Is.EqualTo("revision 'HEAD:main.txt' is not a commit"));
    }

    [Test]
    public void CommitsInRange_EmptyRange_ThrowsUsageException() =>
        Assert.That(() => Source(_repository).CommitsInRange(" "), Throws.TypeOf<HookGuardUsageException>());

    [Test]
    public void CommitsInRange_UnbornHead_ThrowsUsageExceptionNamingHead()
    {
        using var empty = TempRepository.Create();

        var exception = Assert.Throws<HookGuardUsageException>(() => Source(empty).CommitsInRange("..HEAD"));

        Assert.That(exception!.Message, Is.EqualTo("unknown revision 'HEAD'"));
    }
}
