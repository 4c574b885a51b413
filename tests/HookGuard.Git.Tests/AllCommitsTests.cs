using HookGuard.Detectors;
using HookGuard.TestKit;
using static HookGuard.Git.Tests.Commits;
using static HookGuard.Git.Tests.Staged;

namespace HookGuard.Git.Tests;

/// <summary>The commits <c>scan history</c> reads: every ref, each commit once, parents first, otherwise oldest first.</summary>
[TestFixture]
public sealed class AllCommitsTests
{
    private TempRepository _repository = null!;

    [SetUp]
    public void SetUp() => _repository = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void AllCommits_BranchesTagsRemoteTrackingRefsAndDetachedHead_EachCommitOnceParentsFirstThenOldestFirst()
    {
        OnDay(_repository, 1);
        var m1 = CommitFile(_repository, "main.txt", "one\n", "m1");
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        OnDay(_repository, 2);
        var f1 = CommitFile(_repository, "feature.txt", "one\n", "f1");
        GitOutput(_repository, "switch", "--quiet", "main");
        OnDay(_repository, 3);
        var m2 = CommitFile(_repository, "main.txt", "one\ntwo\n", "m2");
        GitOutput(_repository, "switch", "--quiet", "feature");
        OnDay(_repository, 4);
        var f2 = CommitFile(_repository, "feature.txt", "one\ntwo\n", "f2");
        GitOutput(_repository, "switch", "--quiet", "main");
        OnDay(_repository, 5);
        GitOutput(_repository, "merge", "--quiet", "--no-ff", "-m", "merge feature", "feature");
        var merge = GitOutput(_repository, "rev-parse", "HEAD");
        // Reachable only from an annotated tag, only from a remote-tracking ref, only from a detached HEAD.
        GitOutput(_repository, "switch", "--quiet", "-c", "released", m1);
        OnDay(_repository, 6);
        var tagged = CommitFile(_repository, "release.txt", "one\n", "tagged");
        GitOutput(_repository, "tag", "-a", "v1", "-m", "release");
        GitOutput(_repository, "switch", "--quiet", "-c", "fetched", m2);
        OnDay(_repository, 7);
        var fetched = CommitFile(_repository, "fetched.txt", "one\n", "fetched");
        GitOutput(_repository, "update-ref", "refs/remotes/origin/gone", fetched);
        GitOutput(_repository, "switch", "--quiet", "--detach", m2);
        GitOutput(_repository, "branch", "--quiet", "-D", "released", "fetched");
        GitOutput(_repository, "tag", "light", m2);
        OnDay(_repository, 8);
        var detached = CommitFile(_repository, "detached.txt", "one\n", "detached");

        var commits = Source(_repository).AllCommits();

        Assert.That(Shas(commits), Is.EqualTo(new[] { m1, f1, m2, f2, merge, tagged, fetched, detached }));
        Assert.That(string.Join(", ", commits.Select(c => c.Subject)), Is.EqualTo("m1, f1, m2, f2, merge feature, tagged, fetched, detached"));
    }

    [Test]
    public void AllCommits_ChildDatedBeforeItsParent_StillComesAfterIt()
    {
        OnDay(_repository, 9);
        var parent = CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "switch", "--quiet", "-c", "other");
        OnDay(_repository, 5);
        var other = CommitFile(_repository, "b.txt", "one\n");
        GitOutput(_repository, "switch", "--quiet", "main");
        OnDay(_repository, 1);
        var skewed = CommitFile(_repository, "a.txt", "one\ntwo\n");

        Assert.That(Shas(Source(_repository).AllCommits()), Is.EqualTo(new[] { parent, skewed, other }));
    }

    [Test]
    public void AllCommits_Stash_IsNotIncluded()
    {
        var commit = CommitFile(_repository, "a.txt", "one\n");
        _repository.Write("a.txt", "one\nwork in progress\n");
        GitOutput(_repository, "stash", "--quiet");
        var stashCommits = GitOutput(_repository, "rev-list", "stash", "--not", "main").Split('\n');

        var commits = Shas(Source(_repository).AllCommits());

        Assert.That(stashCommits, Has.Length.EqualTo(2), "the stash's work-tree and index commits");
        Assert.That(commits, Is.EqualTo(new[] { commit }));
    }

    [Test]
    public void AllCommits_Notes_AreIncluded()
    {
        var commit = CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "notes", "add", "-m", "reviewed", commit);
        var notes = GitOutput(_repository, "rev-parse", "refs/notes/commits");

        Assert.That(Shas(Source(_repository).AllCommits()), Is.EquivalentTo(new[] { commit, notes }));
    }

    [Test]
    public void AllCommits_EmptyRepository_ReturnsNothing() =>
        Assert.That(Source(_repository).AllCommits(), Is.Empty);

    [Test]
    public void AllCommits_RefToAMissingObject_ThrowsEnvironmentExceptionNamingTheRef()
    {
        CommitFile(_repository, "a.txt", "one\n");
        var missing = _repository.Git("never written", ["hash-object", "--stdin"]).StandardOutput.Trim();
        _repository.Write(".git/refs/heads/broken", missing + "\n");

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Source(_repository).AllCommits());

        Assert.That(exception!.Message, Does.Contain("refs/heads/broken").And.Contain(missing));
    }
}
