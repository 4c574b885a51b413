using System.Text;
using HookGuard.Detectors;
using HookGuard.TestKit;
using static HookGuard.Git.Tests.Commits;
using static HookGuard.Git.Tests.Staged;

namespace HookGuard.Git.Tests;

/// <summary>The lines commits added, as <see cref="CommitChangeSource.Read"/> gives them to the engine.</summary>
[TestFixture]
public sealed class CommitReadTests
{
    private TempRepository _repository = null!;

    [SetUp]
    public void SetUp() => _repository = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void Read_LinesAddedInTheMiddle_ReturnsOnlyThemWithNewLineNumbersAndTheCommit()
    {
        CommitFile(_repository, "notes.txt", NumberedLines(6));
        var commit = CommitFile(_repository, "notes.txt", "line 1\nline 2\nalpha\nline 3\nline 4\nbeta\nline 6\n");

        var changes = Read(commit);

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("notes.txt", 3, "alpha", commit),
            new ScanFragment("notes.txt", 6, "beta", commit),
        }));
    }

    [Test]
    public void Read_RootCommit_ReturnsEveryLineOfEveryFile()
    {
        _repository.Write("a.txt", "alpha\nbeta\n");
        _repository.Write("docs/b.txt", "gamma\n");
        _repository.Stage();
        var root = _repository.Commit();

        var changes = Read(root);

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("a.txt", 1, "alpha\nbeta", root),
            new ScanFragment("docs/b.txt", 1, "gamma", root),
        }));
    }

    [Test]
    public void Read_RenameWithSmallEdit_ReturnsOnlyTheEditedLineUnderTheNewPath()
    {
        CommitFile(_repository, "old/name.txt", NumberedLines(10));
        Directory.CreateDirectory(Path.Combine(_repository.Root, "new"));
        GitOutput(_repository, "mv", "old/name.txt", "new/name.txt");
        var commit = CommitFile(_repository, "new/name.txt", NumberedLines(10).Replace("line 7\n", "alpha beta\n", StringComparison.Ordinal));

        var changes = Read(commit);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("new/name.txt", 7, "alpha beta", commit) }));
    }

    [Test]
    public void Read_ExactCopyOfUntouchedFile_ReturnsNothing()
    {
        CommitFile(_repository, "deep/dir/original.txt", NumberedLines(10));
        var commit = CommitFile(_repository, "copy.txt", NumberedLines(10));

        var changes = Read(commit);

        Assert.That(changes.Fragments, Is.Empty);
    }

    [Test]
    public void Read_CopyWithEditOfFileModifiedInTheSameCommit_ReturnsOnlyTheCopysChangedLine()
    {
        CommitFile(_repository, "original.txt", NumberedLines(10));
        _repository.Write("original.txt", NumberedLines(10) + "line 11\n");
        _repository.Write("copy.txt", NumberedLines(10).Replace("line 4\n", "alpha beta\n", StringComparison.Ordinal));
        _repository.Stage();
        var commit = _repository.Commit();
        Assert.That(GitOutput(_repository, "show", "--name-status", "--format=", "-C", commit), Does.Contain("copy.txt").And.StartWith("C"), "git must see a copy");

        var changes = Read(commit);

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("copy.txt", 4, "alpha beta", commit),
            new ScanFragment("original.txt", 11, "line 11", commit),
        }));
    }

    [Test]
    public void Read_CopyWithEditOfUntouchedFile_ReturnsEveryLineOfTheCopy()
    {
        CommitFile(_repository, "original.txt", NumberedLines(3));
        var commit = CommitFile(_repository, "copy.txt", NumberedLines(3) + "alpha\n");

        var changes = Read(commit);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("copy.txt", 1, NumberedLines(3) + "alpha", commit) }));
    }

    [Test]
    public void Read_MergeAddingAnExactCopyOfAFileOfOneParent_ReturnsNothing()
    {
        CommitFile(_repository, "original.txt", NumberedLines(10));
        GitOutput(_repository, "checkout", "-q", "-b", "side");
        CommitFile(_repository, "side.txt", "side\n");
        GitOutput(_repository, "checkout", "-q", "main");
        CommitFile(_repository, "main.txt", "main\n");
        GitOutput(_repository, "merge", "-q", "--no-ff", "--no-commit", "side");
        _repository.Write("copy.txt", NumberedLines(10));
        _repository.Stage("copy.txt");
        var merge = _repository.Commit("merge with a copy");

        var changes = Read(merge);

        Assert.That(changes.Fragments, Is.Empty);
    }

    [Test]
    public void Read_BinaryFile_IsSkippedAndCounted()
    {
        _repository.WriteBytes("image.bin", [.. "alpha beta\n"u8, 0, 1, 2]);
        _repository.Write("a.txt", "gamma\n");
        _repository.Stage();
        var commit = _repository.Commit();

        var changes = Read(commit);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("a.txt", 1, "gamma", commit) }));
        Assert.That(changes.Statistics.BinaryFilesSkipped, Is.EqualTo(1));
        Assert.That(changes.Statistics.Files, Is.EqualTo(1));
    }

    [Test]
    public void Read_FileOverMaxFileBytes_IsSkippedAndCounted()
    {
        _repository.Write("big.txt", new string('a', 100) + "\n");
        _repository.Write("small.txt", "alpha\n");
        _repository.Stage();
        var commit = _repository.Commit();

        var changes = Source(_repository, new StagedScanOptions { MaxFileBytes = 64 }).Read([new CommitInfo(commit, "commit")]);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("small.txt", 1, "alpha", commit) }));
        Assert.That(changes.Statistics.LargeFilesSkipped, Is.EqualTo(1));
    }

    [Test]
    public void Read_DeletionModeChangeAndSymlink_ReturnNothing()
    {
        CommitFile(_repository, "gone.txt", "alpha\n");
        CommitFile(_repository, "run.sh", "echo beta\n");
        GitOutput(_repository, "rm", "--quiet", "gone.txt");
        GitOutput(_repository, "update-index", "--chmod=+x", "run.sh");
        var target = GitOutputWithInput("gamma delta", "hash-object", "-w", "--stdin");
        GitOutput(_repository, "update-index", "--add", "--cacheinfo", $"120000,{target},link");
        var commit = _repository.Commit();

        var changes = Read(commit);

        Assert.That(changes.Fragments, Is.Empty);
        Assert.That(changes.Statistics.Files, Is.Zero);
    }

    [Test]
    public void Read_CrlfAndUtf16_AreDecodedAsForStagedChanges()
    {
        CommitFile(_repository, "dos.txt", "line 1\r\nline 2\r\n");
        _repository.Write("dos.txt", "line 1\r\nalpha\r\nline 2\r\n");
        _repository.WriteBytes("wide.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("beta\r\n")]);
        _repository.Stage();
        var commit = _repository.Commit();

        var changes = Read(commit);

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("dos.txt", 2, "alpha", commit),
            new ScanFragment("wide.txt", 1, "beta", commit),
        }));
    }

    [Test]
    public void Read_SeveralCommits_ReturnsEachCommitsLinesInOrderAndCountsThem()
    {
        var first = CommitFile(_repository, "a.txt", "alpha\n");
        var second = CommitFile(_repository, "a.txt", "alpha\nbeta\n");
        var third = CommitFile(_repository, "b.txt", "é\n");

        var changes = Source(_repository).Read(Source(_repository).CommitsInRange("HEAD"));

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("a.txt", 1, "alpha", first),
            new ScanFragment("a.txt", 2, "beta", second),
            new ScanFragment("b.txt", 1, "é", third),
        }));
        Assert.That(Shas(changes.Commits), Is.EqualTo(new[] { first, second, third }));
        Assert.That(changes.Statistics.Commits, Is.EqualTo(3));
        Assert.That(changes.Statistics.Files, Is.EqualTo(3));
        Assert.That(changes.Statistics.Bytes, Is.EqualTo("alpha".Length + "beta".Length + 2));
    }

    [Test]
    public void Read_NoCommits_ReturnsNothing()
    {
        var changes = Source(_repository).Read([]);

        Assert.That(changes.Fragments, Is.Empty);
        Assert.That(changes.Statistics.Commits, Is.Zero);
    }

    [Test]
    public void Read_MergeOfMainIntoABranch_ReturnsNothingFromMainsLines()
    {
        CommitFile(_repository, "a.txt", NumberedLines(10));
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        CommitFile(_repository, "a.txt", NumberedLines(10).Replace("line 2\n", "feature alpha\n", StringComparison.Ordinal));
        GitOutput(_repository, "switch", "--quiet", "main");
        CommitFile(_repository, "a.txt", NumberedLines(10).Replace("line 8\n", "line 8\nmain beta\n", StringComparison.Ordinal));
        CommitFile(_repository, "m.txt", "main gamma\n");
        GitOutput(_repository, "switch", "--quiet", "feature");
        GitOutput(_repository, "merge", "--quiet", "--no-edit", "main");
        var merge = GitOutput(_repository, "rev-parse", "HEAD");

        var changes = Read(merge);

        Assert.That(GitOutput(_repository, "rev-list", "--parents", "-n", "1", "HEAD").Split(' '), Has.Length.EqualTo(3), "a merge commit");
        Assert.That(changes.Fragments, Is.Empty);
        Assert.That(changes.Statistics.Files, Is.Zero);
    }

    [Test]
    public void Read_BranchPushedAfterMergingMain_ReturnsOnlyTheBranchsOwnLines()
    {
        CommitFile(_repository, "a.txt", NumberedLines(5));
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        var own = CommitFile(_repository, "f.txt", "feature alpha\n");
        GitOutput(_repository, "switch", "--quiet", "main");
        CommitFile(_repository, "m.txt", "main beta\n");
        GitOutput(_repository, "switch", "--quiet", "feature");
        GitOutput(_repository, "merge", "--quiet", "--no-edit", "main");

        var changes = Source(_repository).Read(Source(_repository).CommitsInRange("main..feature"));

        Assert.That(changes.Commits, Has.Count.EqualTo(2));
        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("f.txt", 1, "feature alpha", own) }));
    }

    [TestCase("one\nresolved alpha\nthree\n", 2, "resolved alpha")]
    [TestCase("one\nfeature two\nmain two\nthree\n", 0, null)]
    [TestCase("one\nmain two\nthree\n", 0, null)]
    public void Read_MergeWithAResolvedConflict_ReturnsOnlyLinesNeitherParentHad(string resolution, int line, string? added)
    {
        CommitFile(_repository, "a.txt", "one\ntwo\nthree\n");
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        CommitFile(_repository, "a.txt", "one\nfeature two\nthree\n");
        GitOutput(_repository, "switch", "--quiet", "main");
        CommitFile(_repository, "a.txt", "one\nmain two\nthree\n");
        Assert.That(_repository.Git("merge", "--quiet", "feature").ExitCode, Is.Not.Zero, "the merge must conflict");
        var merge = CommitFile(_repository, "a.txt", resolution, "merge feature");

        var changes = Read(merge);

        Assert.That(changes.Fragments, Is.EqualTo(added is null ? Array.Empty<ScanFragment>() : new[] { new ScanFragment("a.txt", line, added, merge) }));
    }

    [Test]
    public void Read_EvilMerge_ReturnsTheLinesAddedInTheMergeItself()
    {
        CommitFile(_repository, "a.txt", NumberedLines(5));
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        CommitFile(_repository, "f.txt", "feature alpha\n");
        GitOutput(_repository, "switch", "--quiet", "main");
        CommitFile(_repository, "a.txt", NumberedLines(5) + "main beta\n");
        GitOutput(_repository, "merge", "--quiet", "--no-commit", "feature");
        _repository.Write("a.txt", NumberedLines(5) + "main beta\nevil gamma\n");
        _repository.Write("new.txt", "evil delta\n");
        _repository.Stage("a.txt", "new.txt");
        var merge = _repository.Commit("merge feature");

        var changes = Read(merge);

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("a.txt", 7, "evil gamma", merge),
            new ScanFragment("new.txt", 1, "evil delta", merge),
        }));
    }

    [Test]
    public void Read_MergeOfARenameWithAnEditOnTheOtherSide_ReturnsNothing()
    {
        CommitFile(_repository, "old.txt", NumberedLines(10));
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        CommitFile(_repository, "old.txt", NumberedLines(10) + "feature alpha\n");
        GitOutput(_repository, "switch", "--quiet", "main");
        GitOutput(_repository, "mv", "old.txt", "new.txt");
        CommitFile(_repository, "new.txt", NumberedLines(10).Replace("line 3\n", "main beta\n", StringComparison.Ordinal));
        GitOutput(_repository, "merge", "--quiet", "--no-edit", "feature");
        var merge = GitOutput(_repository, "rev-parse", "HEAD");

        var changes = Read(merge);

        Assert.That(GitOutput(_repository, "show", "HEAD:new.txt"), Does.Contain("main beta").And.Contain("feature alpha"), "git merged both edits");
        Assert.That(changes.Fragments, Is.Empty);
    }

    [Test]
    public void Read_OctopusMerge_ReturnsNothingFromTheMergedBranches()
    {
        CommitFile(_repository, "a.txt", "base\n");
        foreach (var branch in new[] { "one", "two" })
        {
            GitOutput(_repository, "switch", "--quiet", "-c", branch, "main");
            CommitFile(_repository, $"{branch}.txt", $"{branch} alpha\n");
        }

        GitOutput(_repository, "switch", "--quiet", "main");
        CommitFile(_repository, "a.txt", "base\nmain beta\n");
        GitOutput(_repository, "merge", "--quiet", "--no-edit", "one", "two");
        var merge = GitOutput(_repository, "rev-parse", "HEAD");

        var changes = Read(merge);

        Assert.That(GitOutput(_repository, "rev-list", "--parents", "-n", "1", "HEAD").Split(' '), Has.Length.EqualTo(4), "three parents");
        Assert.That(changes.Fragments, Is.Empty);
    }

    [Test]
    public void Read_CommitNotInTheRepository_ThrowsEnvironmentException()
    {
        CommitFile(_repository, "a.txt", "alpha\n");
        var missing = GitOutputWithInput("never written", "hash-object", "--stdin");

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Read(missing));

        Assert.That(exception!.Message, Does.Contain(missing));
    }

    [Test]
    public void Read_BareRepository_ReadsTheCommits()
    {
        var commit = CommitFile(_repository, "a.txt", "alpha\n");
        var remote = _repository.AddBareRemote();
        GitOutput(_repository, "push", "--quiet", "origin", "main");

        var changes = Source(remote).Read(Source(remote).CommitsInRange("main"));

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("a.txt", 1, "alpha", commit) }));
    }

    [Test]
    public void Read_AndListingCommits_ChangeNothingInTheRepository()
    {
        CommitFile(_repository, "a.txt", NumberedLines(5));
        _repository.AddBareRemote();
        GitOutput(_repository, "push", "--quiet", "origin", "main");
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        CommitFile(_repository, "a.txt", NumberedLines(6));
        _repository.Write("a.txt", NumberedLines(7));
        _repository.Stage("a.txt");
        _repository.Write("untracked.txt", "alpha\n");
        var updates = PushUpdates(_repository, "origin", "feature");
        // git status may refresh (rewrite) the index itself, so it runs before the snapshot and after the checks.
        var status = GitOutput(_repository, "status", "--porcelain=v2", "--untracked-files=all");
        var snapshot = Snapshot();

        var source = Source(_repository);
        source.Read(source.CommitsToPush(updates, "origin"));
        source.Read(source.CommitsInRange("main...feature"));

        Assert.That(Snapshot(), Is.EqualTo(snapshot));
        Assert.That(GitOutput(_repository, "status", "--porcelain=v2", "--untracked-files=all"), Is.EqualTo(status));
    }

    private string Snapshot()
    {
        var gitDirectory = Path.Combine(_repository.Root, ".git");
        var index = Path.Combine(gitDirectory, "index");
        return string.Join('\n',
            GitOutput(_repository, "for-each-ref", "--format=%(refname) %(objectname)"),
            File.ReadAllText(Path.Combine(gitDirectory, "HEAD")),
            Convert.ToHexString(File.ReadAllBytes(index)),
            File.GetLastWriteTimeUtc(index).Ticks,
            string.Join(',', Directory.GetFileSystemEntries(gitDirectory).Order(StringComparer.Ordinal)));
    }

    private CommitChanges Read(string commit) =>
        Source(_repository).Read([new CommitInfo(commit, "commit")]);

    private string GitOutputWithInput(string input, params string[] arguments)
    {
        var result = _repository.Git(input, arguments);
        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        return result.StandardOutput.Trim();
    }
}
