using HookGuard.Detectors;
using HookGuard.TestKit;
using static HookGuard.Git.Tests.Commits;
using static HookGuard.Git.Tests.Staged;

namespace HookGuard.Git.Tests;

/// <summary>
/// Which commits a push publishes. The updates are what git itself writes to the pre-push hook (captured by a hook that
/// blocks the push), against a real bare remote and real remote-tracking refs.
/// </summary>
[TestFixture]
public sealed class CommitsToPushTests
{
    private TempRepository _repository = null!;
    private TempRepository _remote = null!;

    [SetUp]
    public void SetUp()
    {
        _repository = TempRepository.Create();
        _remote = _repository.AddBareRemote();
    }

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void CommitsToPush_TrackedBranchWithThreeNewCommits_ReturnsExactlyThoseOldestFirst()
    {
        CommitFile(_repository, "a.txt", "base\n");
        GitOutput(_repository, "push", "--quiet", "origin", "main");
        var newCommits = new[]
        {
            CommitFile(_repository, "a.txt", "base\none\n", "first"),
            CommitFile(_repository, "a.txt", "base\none\ntwo\n", "second"),
            CommitFile(_repository, "b.txt", "three\n", "third"),
        };

        var updates = PushUpdates(_repository, "origin", "main");
        var commits = Source(_repository).CommitsToPush(updates, "origin");

        Assert.That(updates.Single().IsNewRemoteRef, Is.False, "git knows the remote's main");
        Assert.That(Shas(commits), Is.EqualTo(newCommits));
        Assert.That(string.Join(", ", commits.Select(commit => commit.Subject)), Is.EqualTo("first, second, third"));
    }

    [Test]
    public void CommitsToPush_TwoUpdatesSharingCommits_ReturnsEachCommitOnceParentsFirst()
    {
        CommitFile(_repository, "a.txt", "base\n");
        GitOutput(_repository, "push", "--quiet", "origin", "main");
        var shared1 = CommitFile(_repository, "a.txt", "base\none\n");
        var shared2 = CommitFile(_repository, "a.txt", "base\none\ntwo\n");
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        var own = CommitFile(_repository, "b.txt", "feature\n");

        // main (known on the remote) brings shared1 and shared2; feature (new) brings them again plus its own commit.
        var updates = PushUpdates(_repository, "origin", "feature", "main");
        var commits = CommitsToPush(updates);

        Assert.That(updates, Has.Count.EqualTo(2));
        Assert.That(Shas(commits), Is.EqualTo(new[] { shared1, shared2, own }));
    }

    [Test]
    public void CommitsToPush_LaterUpdateBringsOlderCommits_ResultIsStillOldestFirst()
    {
        var first = CommitFile(_repository, "a.txt", "one\n");
        var second = CommitFile(_repository, "a.txt", "one\ntwo\n");
        var third = CommitFile(_repository, "a.txt", "one\ntwo\nthree\n");
        var zeros = new string('0', 40);

        // main is known on the remote at the second commit; the new branch (no remote-tracking refs) brings them all.
        var commits = CommitsToPush(
        [
            new PushUpdate("refs/heads/main", third, "refs/heads/main", second),
            new PushUpdate("refs/heads/copy", third, "refs/heads/copy", zeros),
        ]);

        Assert.That(Shas(commits), Is.EqualTo(new[] { first, second, third }));
    }

    [Test]
    public void CommitsToPush_NewBranchFromPushedMain_ReturnsOnlyTheBranchsOwnCommits()
    {
        CommitFile(_repository, "a.txt", "one\n");
        CommitFile(_repository, "a.txt", "one\ntwo\n");
        GitOutput(_repository, "push", "--quiet", "origin", "main");
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        var own = new[] { CommitFile(_repository, "b.txt", "alpha\n"), CommitFile(_repository, "b.txt", "alpha\nbeta\n") };

        var updates = PushUpdates(_repository, "origin", "feature");
        var commits = CommitsToPush(updates);

        Assert.That(updates.Single().IsNewRemoteRef, Is.True);
        Assert.That(Shas(commits), Is.EqualTo(own));
    }

    [Test]
    public void CommitsToPush_RemoteTrackingRefInASubfolder_IsExcludedToo()
    {
        CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "push", "--quiet", "origin", "main:team/base");
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        GitOutput(_repository, "branch", "-D", "--quiet", "main");
        var own = CommitFile(_repository, "b.txt", "alpha\n");

        var commits = CommitsToPush(PushUpdates(_repository, "origin", "feature"));

        Assert.That(GitOutput(_repository, "for-each-ref", "--format=%(refname)", "refs/remotes"), Is.EqualTo("refs/remotes/origin/team/base"));
        Assert.That(Shas(commits), Is.EqualTo(new[] { own }));
    }

    [Test]
    public void CommitsToPush_NewBranchWithoutRemoteTrackingRefs_ReturnsEveryReachableCommit()
    {
        var all = new[] { CommitFile(_repository, "a.txt", "one\n"), CommitFile(_repository, "a.txt", "one\ntwo\n") };

        var commits = CommitsToPush(PushUpdates(_repository, "origin", "main"));

        Assert.That(Shas(commits), Is.EqualTo(all));
    }

    [Test]
    public void CommitsToPush_AnotherRemotesTrackingRefs_AreNotExcluded()
    {
        // Commits on "origin-fork" are not on "origin": pushing them to origin publishes them there.
        _repository.AddBareRemote("origin-fork");
        var first = CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "push", "--quiet", "origin-fork", "main");
        var second = CommitFile(_repository, "a.txt", "one\ntwo\n");

        var commits = CommitsToPush(PushUpdates(_repository, "origin", "main"));

        Assert.That(Shas(commits), Is.EqualTo(new[] { first, second }));
    }

    [Test]
    public void CommitsToPush_PushToAUrl_ExcludesNothing()
    {
        var first = CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "push", "--quiet", "origin", "main");
        var second = CommitFile(_repository, "a.txt", "one\ntwo\n");
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");

        // git passes the URL as the remote's name when the push names no configured remote.
        var invocation = _repository.CapturePrePush(_remote.Root, "feature");
        var commits = Source(_repository).CommitsToPush(PrePushInput.Parse(new StringReader(invocation.Input)), invocation.Remote);

        Assert.That(invocation.Remote, Is.EqualTo(_remote.Root));
        Assert.That(Shas(commits), Is.EqualTo(new[] { first, second }));
    }

    [Test]
    public void CommitsToPush_Deletion_ReturnsNothing()
    {
        CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "push", "--quiet", "origin", "main", "main:old");

        var updates = PushUpdates(_repository, "origin", "--delete", "old");
        var commits = CommitsToPush(updates);

        Assert.That(updates.Single().IsDeletion, Is.True);
        Assert.That(commits, Is.Empty);
    }

    [Test]
    public void CommitsToPush_ForcePushOverACommitWeDoNotHave_FallsBackToWhatNoRemoteTrackingRefReaches()
    {
        var pushed = CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "push", "--quiet", "origin", "main");
        // Someone else pushes on top of ours; we never fetch it.
        using (var other = TempRepository.Create())
        {
            GitOutput(other, "fetch", "--quiet", _remote.Root, "main");
            GitOutput(other, "reset", "--quiet", "--hard", "FETCH_HEAD");
            CommitFile(other, "c.txt", "theirs\n");
            GitOutput(other, "push", "--quiet", _remote.Root, "HEAD:main");
        }

        var ours = new[] { CommitFile(_repository, "a.txt", "one\nours\n"), CommitFile(_repository, "b.txt", "ours\n") };

        var updates = PushUpdates(_repository, "--force", "origin", "main");
        var commits = CommitsToPush(updates);

        Assert.That(_repository.Git("cat-file", "-e", updates.Single().RemoteSha).ExitCode, Is.Not.Zero, "the remote's id is unknown here");
        Assert.That(Shas(commits), Is.EqualTo(ours), $"{pushed} is on origin/main");
    }

    [Test]
    public void CommitsToPush_RemoteIdNotInTheRepository_FallsBackToWhatNoRemoteTrackingRefReaches()
    {
        var pushed = CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "push", "--quiet", "origin", "main");
        var ours = CommitFile(_repository, "a.txt", "one\nours\n");
        var missing = GitOutputWithInput(_repository, "never written", "hash-object", "--stdin");

        var commits = Source(_repository).CommitsToPush([new PushUpdate("refs/heads/main", ours, "refs/heads/main", missing)], "origin");

        Assert.That(Shas(commits), Is.EqualTo(new[] { ours }), $"{pushed} is on origin/main");
    }

    [Test]
    public void CommitsToPush_LightweightTagOfANewCommit_ReturnsThatCommit()
    {
        CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "push", "--quiet", "origin", "main");
        var tagged = CommitFile(_repository, "a.txt", "one\ntwo\n");
        GitOutput(_repository, "tag", "light");

        var updates = PushUpdates(_repository, "origin", "light");
        var commits = CommitsToPush(updates);

        Assert.That(updates.Single().LocalRef, Is.EqualTo("refs/tags/light"));
        Assert.That(Shas(commits), Is.EqualTo(new[] { tagged }));
    }

    [Test]
    public void CommitsToPush_AnnotatedTagOfANewCommit_ReturnsThatCommit()
    {
        CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "push", "--quiet", "origin", "main");
        var tagged = CommitFile(_repository, "a.txt", "one\ntwo\n");
        GitOutput(_repository, "tag", "-a", "v1", "-m", "release");
        // A tag of the tag: peeled through both.
        GitOutput(_repository, "tag", "-a", "v1-signed-off", "-m", "again", "v1");

        var updates = PushUpdates(_repository, "origin", "v1", "v1-signed-off");
        var commits = CommitsToPush(updates);

        Assert.That(updates.Select(update => update.LocalSha), Does.Not.Contain(tagged), "git passes the tag objects");
        Assert.That(Shas(commits), Is.EqualTo(new[] { tagged }));
    }

    [Test]
    public void CommitsToPush_TagOfATree_ReturnsNothing()
    {
        CommitFile(_repository, "a.txt", "one\n");
        GitOutput(_repository, "tag", "tree-tag", "HEAD^{tree}");

        var commits = CommitsToPush(PushUpdates(_repository, "origin", "tree-tag"));

        Assert.That(commits, Is.Empty);
    }

    [Test]
    public void CommitsToPush_UnknownLocalId_ThrowsEnvironmentException()
    {
        CommitFile(_repository, "a.txt", "one\n");
        var missing = GitOutputWithInput(_repository, "never written", "hash-object", "--stdin");
        var update = new PushUpdate("refs/heads/main", missing, "refs/heads/main", new string('0', 40));

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Source(_repository).CommitsToPush([update], "origin"));

        Assert.That(exception!.Message, Does.Contain(missing).And.Contain("is not in this repository"));
    }

    [Test]
    public void CommitsToPush_NoUpdates_ReturnsNothing() =>
        Assert.That(Source(_repository).CommitsToPush([], "origin"), Is.Empty);

    private IReadOnlyList<CommitInfo> CommitsToPush(IReadOnlyList<PushUpdate> updates) =>
        Source(_repository).CommitsToPush(updates, "origin");

    private static string GitOutputWithInput(TempRepository repository, string input, params string[] arguments)
    {
        var result = repository.Git(input, arguments);
        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        return result.StandardOutput.Trim();
    }
}
