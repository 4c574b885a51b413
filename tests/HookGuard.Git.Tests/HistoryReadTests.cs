using HookGuard.Detectors;
using HookGuard.TestKit;
using static HookGuard.Git.Tests.Commits;
using static HookGuard.Git.Tests.Staged;

namespace HookGuard.Git.Tests;

/// <summary>
/// <see cref="CommitChangeSource.ReadHistory"/>: a file version whose every line was already read under the same path is
/// not read again, and what it skips could only have repeated an earlier line at the same path.
/// </summary>
[TestFixture]
public sealed class HistoryReadTests
{
    private TempRepository _repository = null!;

    [SetUp]
    public void SetUp() => _repository = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void ReadHistory_SameFileCommittedOnTwoBranches_IsReadOnceInTheOlderCommit()
    {
        OnDay(_repository, 1);
        CommitFile(_repository, "README.md", "hello\n");
        GitOutput(_repository, "switch", "--quiet", "-c", "first");
        OnDay(_repository, 2);
        var older = CommitFile(_repository, "deploy/app.env", "alpha\n");
        GitOutput(_repository, "switch", "--quiet", "-c", "second", "main");
        OnDay(_repository, 3);
        CommitFile(_repository, "deploy/app.env", "alpha\n");

        var changes = ReadHistory();

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("README.md", 1, "hello", changes.Commits[0].Sha),
            new ScanFragment("deploy/app.env", 1, "alpha", older),
        }));
        Assert.That(changes.Statistics.Files, Is.EqualTo(2));
        Assert.That(changes.Statistics.Commits, Is.EqualTo(3));
        Assert.That(FullRead().Fragments, Has.Count.EqualTo(3), "reading every commit reads the file twice");
    }

    [Test]
    public void ReadHistory_RevertAndReapply_ReadsTheLineOnlyWhereItWasFirstAdded()
    {
        CommitFile(_repository, "a.txt", NumberedLines(5));
        var added = CommitFile(_repository, "a.txt", NumberedLines(5).Replace("line 3\n", "line 3\nalpha\n", StringComparison.Ordinal));
        GitOutput(_repository, "revert", "--no-edit", "HEAD");
        GitOutput(_repository, "revert", "--no-edit", "HEAD");

        var changes = ReadHistory();

        Assert.That(LinesReading("alpha", changes), Is.EqualTo(new[] { ("a.txt", 4, added) }));
        Assert.That(changes.Statistics.Files, Is.EqualTo(2), "the first version and the added line; neither revert is read");
        Assert.That(LinesReading("alpha", FullRead()), Has.Count.EqualTo(2));
    }

    [Test]
    public void ReadHistory_CherryPickOntoAnotherBranch_IsNotReadAgain()
    {
        OnDay(_repository, 1);
        CommitFile(_repository, "a.txt", NumberedLines(5));
        GitOutput(_repository, "switch", "--quiet", "-c", "fix");
        OnDay(_repository, 2);
        var fix = CommitFile(_repository, "a.txt", NumberedLines(5) + "alpha\n");
        GitOutput(_repository, "switch", "--quiet", "-c", "release", "main");
        OnDay(_repository, 3);
        GitOutput(_repository, "cherry-pick", fix);

        var changes = ReadHistory();

        Assert.That(LinesReading("alpha", changes), Is.EqualTo(new[] { ("a.txt", 6, fix) }));
    }

    [Test]
    public void ReadHistory_FileCopiedUnderAnotherPath_IsReadThereToo()
    {
        // The same blob under another path: its secrets have other fingerprints, so it is not skipped.
        var first = CommitFile(_repository, "a.env", "alpha\n");
        var copy = CommitFile(_repository, "b.env", "alpha\n");

        var changes = ReadHistory();

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("a.env", 1, "alpha", first),
            new ScanFragment("b.env", 1, "alpha", copy),
        }));
    }

    [Test]
    public void ReadHistory_RenamedWithAnEditThenALineRemovedAndRestored_ReadsTheRestoredLineUnderTheNewPath()
    {
        // The rename adds only its edit under new.txt; "alpha" was read under old.txt. So new.txt's version is not
        // covered, and restoring it later must read "alpha" again, now under new.txt (another fingerprint).
        var alpha = NumberedLines(10).Replace("line 3\n", "alpha\n", StringComparison.Ordinal);
        var first = CommitFile(_repository, "old.txt", alpha);
        GitOutput(_repository, "mv", "old.txt", "new.txt");
        CommitFile(_repository, "new.txt", alpha.Replace("line 9\n", "beta\n", StringComparison.Ordinal));
        CommitFile(_repository, "new.txt", NumberedLines(10).Replace("line 9\n", "beta\n", StringComparison.Ordinal));
        GitOutput(_repository, "revert", "--no-edit", "HEAD");
        var restored = GitOutput(_repository, "rev-parse", "HEAD");

        var changes = ReadHistory();

        Assert.That(LinesReading("alpha", changes), Is.EqualTo(new[] { ("old.txt", 3, first), ("new.txt", 3, restored) }));
    }

    [Test]
    public void ReadHistory_MergeOfABranch_ReadsNothingTheBranchAlreadyAdded()
    {
        OnDay(_repository, 1);
        CommitFile(_repository, "a.txt", NumberedLines(5));
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        OnDay(_repository, 2);
        var own = CommitFile(_repository, "f.txt", "alpha\n");
        GitOutput(_repository, "switch", "--quiet", "main");
        OnDay(_repository, 3);
        CommitFile(_repository, "a.txt", NumberedLines(6));
        OnDay(_repository, 4);
        GitOutput(_repository, "merge", "--quiet", "--no-edit", "feature");

        var changes = ReadHistory();

        Assert.That(LinesReading("alpha", changes), Is.EqualTo(new[] { ("f.txt", 1, own) }));
        Assert.That(changes.Fragments.Select(f => f.Commit), Does.Not.Contain(changes.Commits[^1].Sha), "the merge adds nothing");
    }

    [Test]
    public void ReadHistory_LargeAndBinaryFilesRevertedAndRestored_AreSkippedAndCountedOncePerPath()
    {
        CommitFile(_repository, "a.txt", "one\n");
        _repository.Write("big.txt", new string('a', 100) + "\n");
        _repository.WriteBytes("image.bin", [.. "alpha\n"u8, 0, 1]);
        _repository.Stage("big.txt", "image.bin");
        _repository.Commit();
        GitOutput(_repository, "rm", "--quiet", "big.txt", "image.bin");
        _repository.Commit();
        GitOutput(_repository, "revert", "--no-edit", "HEAD");

        var changes = Source(_repository, new StagedScanOptions { MaxFileBytes = 64 }).ReadHistory(Source(_repository).AllCommits());

        Assert.That(changes.Statistics.LargeFilesSkipped, Is.EqualTo(1));
        Assert.That(changes.Statistics.BinaryFilesSkipped, Is.EqualTo(1));
        Assert.That(string.Join(", ", changes.LargeFiles), Is.EqualTo("big.txt"));
    }

    [Test]
    public void ReadHistory_ShallowClone_ReadsTheOldestCommitPresentInFull()
    {
        CommitFile(_repository, "a.txt", "alpha\n");
        var tip = CommitFile(_repository, "a.txt", "alpha\nbeta\n");
        using var shallow = TempRepository.Create();
        GitOutput(shallow, "fetch", "--quiet", "--depth=1", $"file://{_repository.Root}", "main:refs/remotes/origin/main");

        var source = Source(shallow);
        var changes = source.ReadHistory(source.AllCommits());

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("a.txt", 1, "alpha\nbeta", tip) }));
    }

    [Test]
    public void ReadHistory_Progress_IsReportedAfterEveryCommit()
    {
        CommitFile(_repository, "a.txt", "one\n");
        CommitFile(_repository, "a.txt", "one\ntwo\n");
        CommitFile(_repository, "a.txt", "one\ntwo\nthree\n");
        var reports = new List<(int Done, int Total)>();

        Source(_repository).ReadHistory(Source(_repository).AllCommits(), (done, total) => reports.Add((done, total)));

        Assert.That(reports, Is.EqualTo(new[] { (1, 3), (2, 3), (3, 3) }));
    }

    [Test]
    public void ReadHistory_MixedHistory_ReadsEveryDistinctBlobOnceAndFindsWhatReadingEveryCommitFinds()
    {
        // Branches, a merge with a conflict resolution, reverts, a cherry-pick, a rename with an edit, a copy, a mode
        // change: for every (path, line), the first commit and line number that hold it must be the same as when every
        // commit is read in full.
        OnDay(_repository, 1);
        CommitFile(_repository, "a.txt", NumberedLines(8));
        CommitFile(_repository, "b.txt", "one\ntwo\n");
        GitOutput(_repository, "switch", "--quiet", "-c", "feature");
        OnDay(_repository, 2);
        CommitFile(_repository, "a.txt", NumberedLines(8).Replace("line 2\n", "feature alpha\n", StringComparison.Ordinal));
        var pick = CommitFile(_repository, "c.txt", "picked gamma\n");
        GitOutput(_repository, "mv", "b.txt", "moved.txt");
        CommitFile(_repository, "moved.txt", "one\ntwo\nmoved delta\n");
        GitOutput(_repository, "switch", "--quiet", "main");
        OnDay(_repository, 3);
        CommitFile(_repository, "a.txt", NumberedLines(8).Replace("line 2\n", "main beta\n", StringComparison.Ordinal));
        GitOutput(_repository, "cherry-pick", pick);
        GitOutput(_repository, "revert", "--no-edit", "HEAD");
        GitOutput(_repository, "revert", "--no-edit", "HEAD");
        CommitFile(_repository, "copy.txt", NumberedLines(8).Replace("line 2\n", "main beta\n", StringComparison.Ordinal));
        GitOutput(_repository, "update-index", "--chmod=+x", "copy.txt");
        _repository.Commit();
        OnDay(_repository, 4);
        Assert.That(_repository.Git("merge", "--quiet", "feature").ExitCode, Is.Not.Zero, "the merge must conflict");
        CommitFile(_repository, "a.txt", NumberedLines(8).Replace("line 2\n", "resolved epsilon\n", StringComparison.Ordinal), "merge feature");
        GitOutput(_repository, "revert", "--no-edit", "-m", "1", "HEAD");
        GitOutput(_repository, "revert", "--no-edit", "HEAD");
        var blobs = GitOutput(_repository, "rev-list", "--all", "--objects").Split('\n')
            .Select(line => line.Split(' ')[0])
            .Count(id => GitOutput(_repository, "cat-file", "-t", id) == "blob");

        var history = ReadHistory();
        var full = FullRead();

        Assert.That(FirstOccurrences(history), Is.EqualTo(FirstOccurrences(full)));
        Assert.That(history.Fragments, Has.Count.LessThan(full.Fragments.Count), "the reverts and the cherry-pick are not read again");
        Assert.That(history.BlobsRead, Is.EqualTo(blobs));
    }

    /// <summary>Where the fragments hold a line reading <paramref name="text"/>: path, line number, commit.</summary>
    private static List<(string Path, int Line, string? Commit)> LinesReading(string text, CommitChanges changes) =>
        [.. changes.Fragments.SelectMany(fragment => fragment.Text.Split('\n')
            .Select((line, i) => (line, i))
            .Where(pair => pair.line == text)
            .Select(pair => (fragment.Path, fragment.StartLine + pair.i, fragment.Commit)))];

    /// <summary>Each (path, line text) with the commit and line number of its first fragment.</summary>
    private static Dictionary<(string Path, string Line), (string? Commit, int Number)> FirstOccurrences(CommitChanges changes)
    {
        var first = new Dictionary<(string Path, string Line), (string? Commit, int Number)>();
        foreach (var fragment in changes.Fragments)
        {
            var lines = fragment.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                first.TryAdd((fragment.Path, lines[i]), (fragment.Commit, fragment.StartLine + i));
            }
        }

        return first;
    }

    [Test]
    public void ReadHistory_WithAFragmentSink_StreamsTheSameFragmentsAndKeepsNone()
    {
        CommitFile(_repository, "a.txt", NumberedLines(3));
        CommitFile(_repository, "a.txt", NumberedLines(3) + "alpha\n");
        CommitFile(_repository, "b.txt", "beta\n");
        var streamed = new List<ScanFragment>();

        var changes = Source(_repository).ReadHistory(Source(_repository).AllCommits(), onFragment: streamed.Add);

        Assert.That(changes.Fragments, Is.Empty, "a streamed read holds no text");
        Assert.That(streamed, Is.EqualTo(ReadHistory().Fragments).And.Count.EqualTo(3));
        Assert.That(changes.Statistics.Files, Is.EqualTo(3));
    }

    private CommitChanges ReadHistory() => Source(_repository).ReadHistory(Source(_repository).AllCommits());

    private CommitChanges FullRead() => Source(_repository).ReadHistoryInFull(Source(_repository).AllCommits());
}
