using System.Text;
using HookGuard.Detectors;
using HookGuard.TestKit;
using static HookGuard.Git.Tests.Staged;

namespace HookGuard.Git.Tests;

[TestFixture]
public sealed class StagedChangeSourceTests
{
    private TempRepository _repository = null!;

    [SetUp]
    public void SetUp() => _repository = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [Test]
    public void Read_FirstCommit_ReturnsAllLinesOfNewFile()
    {
        _repository.Write("notes.txt", "alpha\nbeta\ngamma\n");
        _repository.Stage("notes.txt");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("notes.txt", 1, "alpha\nbeta\ngamma") }));
    }

    [Test]
    public void Read_NothingStaged_ReturnsNothing()
    {
        var beforeFirstCommit = Read(_repository);
        CommitFile("notes.txt", "alpha\n");
        _repository.Write("notes.txt", "alpha\nunstaged\n");

        var afterFirstCommit = Read(_repository);

        Assert.That(beforeFirstCommit.Fragments, Is.Empty);
        Assert.That(afterFirstCommit.Fragments, Is.Empty);
        Assert.That(afterFirstCommit.Statistics.Files, Is.Zero);
    }

    [Test]
    public void Read_LinesInsertedAndReplacedInTheMiddle_ReturnsOnlyThemWithNewLineNumbers()
    {
        CommitFile("notes.txt", NumberedLines(6));
        StageFile("notes.txt", "line 1\nline 2\nalpha\nline 3\nline 4\nbeta\nline 6\n");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("notes.txt", 3, "alpha"),
            new ScanFragment("notes.txt", 6, "beta"),
        }));
    }

    [Test]
    public void Read_LinesAppendedAtTheEnd_ReturnsThemAsOneFragment()
    {
        CommitFile("notes.txt", NumberedLines(3));
        StageFile("notes.txt", NumberedLines(3) + "alpha\nbeta\n");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("notes.txt", 4, "alpha\nbeta") }));
    }

    [Test]
    public void Read_SeveralEditsApart_ReturnsOneFragmentPerHunk()
    {
        CommitFile("notes.txt", NumberedLines(20));
        var lines = NumberedLines(20).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines[1] = "alpha";            // replace line 2
        lines.RemoveAt(9);             // delete line 10 …
        lines.Insert(12, "beta");      // … insert after line 13 (new line 13)
        lines.Insert(13, "gamma");
        lines.Add("delta");            // append
        StageFile("notes.txt", string.Join('\n', lines) + "\n");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("notes.txt", 2, "alpha"),
            new ScanFragment("notes.txt", 13, "beta\ngamma"),
            new ScanFragment("notes.txt", 22, "delta"),
        }));
    }

    [Test]
    public void Read_WorkingTreeChangedAfterStaging_ReturnsTheStagedText()
    {
        CommitFile("notes.txt", NumberedLines(3));
        StageFile("notes.txt", NumberedLines(3) + "staged alpha\n");
        _repository.Write("notes.txt", NumberedLines(3) + "unstaged beta\n");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("notes.txt", 4, "staged alpha") }));
    }

    [Test]
    public void Read_OneHunkStagedWithAddPatch_ReturnsOnlyThatHunk()
    {
        CommitFile("notes.txt", NumberedLines(30));
        var lines = NumberedLines(30).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Insert(25, "second hunk");
        lines.Insert(2, "first hunk");
        _repository.Write("notes.txt", string.Join('\n', lines) + "\n");

        // Stage the first hunk, skip the second: what `git add -p` users do.
        var result = _repository.Git("y\nn\n", ["add", "--patch", "--", "notes.txt"]);
        Assert.That(result.ExitCode, Is.Zero, result.StandardError);

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("notes.txt", 3, "first hunk") }));
    }

    [Test]
    public void Read_RenameWithSmallEdit_ReturnsOnlyTheEditedLineUnderTheNewPath()
    {
        CommitFile("old/name.txt", NumberedLines(10));
        Move("old/name.txt", "new/name.txt");
        StageFile("new/name.txt", NumberedLines(10).Replace("line 7\n", "alpha beta\n", StringComparison.Ordinal));

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("new/name.txt", 7, "alpha beta") }));
    }

    [Test]
    public void Read_PureRename_ReturnsNothing()
    {
        CommitFile("old.txt", NumberedLines(10));
        Move("old.txt", "moved/new.txt");
        Assert.That(GitOutput(_repository, "diff", "--cached", "--name-status", "-M"), Does.StartWith("R100"), "git must see a rename");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.Empty);
    }

    [Test]
    public void Read_ExactCopyOfUntouchedFile_ReturnsNothing()
    {
        CommitFile("deep/dir/original.txt", NumberedLines(10));
        StageFile("copy.txt", NumberedLines(10));
        Assert.That(GitOutput(_repository, "diff", "--cached", "--name-status", "-C", "--find-copies-harder"), Does.StartWith("C100"), "git must see a copy");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.Empty);
        Assert.That(changes.Statistics.Files, Is.Zero);
    }

    [Test]
    public void Read_ExactCopyOfTheLastOfManyUntouchedFiles_ReturnsNothing()
    {
        // More files than libgit2 tries as copy sources by default (200), the source the last in the tree's order.
        for (var i = 0; i < 300; i++)
        {
            _repository.Write($"files/f{i:000}.txt", $"file {i}\n{NumberedLines(3)}");
        }

        _repository.Stage();
        _repository.Commit();
        StageFile("a-copy.txt", $"file 299\n{NumberedLines(3)}");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.Empty);
    }

    [Test]
    public void Read_ExactCopyNextToANewFile_ReturnsOnlyTheNewFile()
    {
        CommitFile("original.txt", NumberedLines(10));
        StageFile("copy.txt", NumberedLines(10));
        StageFile("new.txt", "alpha\n");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("new.txt", 1, "alpha") }));
    }

    [Test]
    public void Read_CopyWithEditOfFileModifiedInTheSameChange_ReturnsOnlyTheCopysChangedLine()
    {
        CommitFile("original.txt", NumberedLines(10));
        StageFile("original.txt", NumberedLines(10) + "line 11\n");
        StageFile("copy.txt", NumberedLines(10).Replace("line 4\n", "alpha beta\n", StringComparison.Ordinal));
        Assert.That(GitOutput(_repository, "diff", "--cached", "--name-status", "-C"), Does.Contain("C0").And.Contain("copy.txt"), "git must see a copy");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("copy.txt", 4, "alpha beta"),
            new ScanFragment("original.txt", 11, "line 11"),
        }));
    }

    [Test]
    public void Read_CopiesOfAFileWhoseFindingsMayBeAllowed_ReturnEveryLineOfTheCopies()
    {
        // Excluded, or named by an ignore entry: its lines were never checked, or accepted at that path only.
        CommitFile("fixtures/original.txt", NumberedLines(10));
        StageFile("fixtures/original.txt", NumberedLines(10) + "line 11\n");
        StageFile("exact.txt", NumberedLines(10));
        StageFile("edited.txt", NumberedLines(10).Replace("line 4\n", "alpha\n", StringComparison.Ordinal));
        var options = new StagedScanOptions { AllowsFindingsIn = path => path.StartsWith("fixtures/", StringComparison.Ordinal) };

        var changes = Read(_repository, options: options);

        Assert.That(changes.Fragments.Select(fragment => (fragment.Path, fragment.StartLine)), Is.EquivalentTo(new[]
        {
            ("edited.txt", 1), ("exact.txt", 1), ("fixtures/original.txt", 11),
        }));
    }

    [Test]
    public void Read_CopyWithEditOfUntouchedFile_ReturnsEveryLineOfTheCopy()
    {
        // Finding it would take git's --find-copies-harder, which measures every file of the tree on every commit.
        CommitFile("original.txt", NumberedLines(3));
        StageFile("copy.txt", NumberedLines(3) + "alpha\n");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("copy.txt", 1, NumberedLines(3) + "alpha") }));
    }

    [Test]
    public void Read_DeletedFile_ReturnsNothing()
    {
        CommitFile("notes.txt", NumberedLines(3));
        GitOutput(_repository, "rm", "--quiet", "notes.txt");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.Empty);
        Assert.That(changes.Statistics.Files, Is.Zero);
    }

    [Test]
    public void Read_ModeOnlyChange_ReturnsNothing()
    {
        CommitFile("run.sh", "echo alpha\n");
        GitOutput(_repository, "update-index", "--chmod=+x", "run.sh");
        Assert.That(GitOutput(_repository, "diff", "--cached", "--name-only"), Is.EqualTo("run.sh"), "git must see a staged change");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.Empty);
    }

    [Test]
    public void Read_BinaryFile_IsSkippedAndCounted()
    {
        _repository.WriteBytes("image.bin", [.. "alpha beta\n"u8, 0, 1, 2, .. "gamma\n"u8]);
        _repository.Stage("image.bin");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.Empty);
        Assert.That(changes.Statistics.BinaryFilesSkipped, Is.EqualTo(1));
        Assert.That(changes.Statistics.Files, Is.Zero);
    }

    [Test]
    public void Read_BinaryFileBecomesText_ReturnsEveryLine()
    {
        _repository.WriteBytes("data.txt", [0, 1, 2]);
        _repository.Stage("data.txt");
        _repository.Commit();
        StageFile("data.txt", "alpha\nbeta\n");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("data.txt", 1, "alpha\nbeta") }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Read_Utf16WithBom_IsDecoded(bool bigEndian)
    {
        Encoding encoding = bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode;
        _repository.WriteBytes("wide.txt", [.. encoding.GetPreamble(), .. encoding.GetBytes("alpha\r\nbeta\r\n")]);
        _repository.Stage("wide.txt");
        _repository.Commit();
        _repository.WriteBytes("wide.txt", [.. encoding.GetPreamble(), .. encoding.GetBytes("alpha\r\nbeta\r\ngamma delta\r\n")]);
        _repository.Stage("wide.txt");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("wide.txt", 3, "gamma delta") }));
        Assert.That(changes.Statistics.BinaryFilesSkipped, Is.Zero);
    }

    [Test]
    public void Read_Utf8WithBom_BomIsNotPartOfTheText()
    {
        _repository.WriteBytes("bom.txt", [0xEF, 0xBB, 0xBF, .. "alpha\nbeta\n"u8]);
        _repository.Stage("bom.txt");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("bom.txt", 1, "alpha\nbeta") }));
    }

    [Test]
    public void Read_CrlfLines_TextHasNoCarriageReturns()
    {
        CommitFile("dos.txt", "line 1\r\nline 2\r\n");
        StageFile("dos.txt", "line 1\r\nalpha\r\nbeta\r\nline 2\r\n");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("dos.txt", 2, "alpha\nbeta") }));
    }

    [Test]
    public void Read_InvalidUtf8_IsDecodedWithReplacementCharacters()
    {
        _repository.WriteBytes("latin1.txt", [.. "caf"u8, 0xE9, .. " alpha\n"u8]);
        _repository.Stage("latin1.txt");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("latin1.txt", 1, "caf\uFFFD alpha") }));
    }

    [Test]
    public void Read_FileOverMaxFileBytes_IsSkippedAndCountedWhileOthersAreRead()
    {
        _repository.Write("big.txt", new string('a', 100) + "\n");
        _repository.Write("small.txt", "alpha\n");
        _repository.Stage("big.txt", "small.txt");

        var changes = Read(_repository, options: new StagedScanOptions { MaxFileBytes = 64 });

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("small.txt", 1, "alpha") }));
        Assert.That(changes.Statistics.LargeFilesSkipped, Is.EqualTo(1));
        Assert.That(string.Join(", ", changes.LargeFiles), Is.EqualTo("big.txt"), "named for the hook's notice");
    }

    [Test]
    public void Read_PathWithSpacesAndUnicode_IsRelativeWithForwardSlashes()
    {
        const string FileName = "docs/my notes/ünïcödé 文件.txt";
        _repository.Write(FileName, "alpha\n");
        _repository.Stage(FileName);

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment(FileName, 1, "alpha") }));
    }

    [Test]
    public void Read_Statistics_CountFilesAndUtf8BytesOfAddedText()
    {
        CommitFile("a.txt", "kept\n");
        _repository.Write("a.txt", "kept\nalpha\nbeta\n");
        _repository.Write("b.txt", "é\n");
        _repository.WriteBytes("c.bin", [0, 0, 0]);
        _repository.Stage("a.txt", "b.txt", "c.bin");

        var statistics = Read(_repository).Statistics;

        Assert.That(statistics.Files, Is.EqualTo(2));
        Assert.That(statistics.Bytes, Is.EqualTo("alpha\nbeta".Length + 2));
        Assert.That(statistics.Commits, Is.Zero);
        Assert.That(statistics.BinaryFilesSkipped, Is.EqualTo(1));
    }

    [Test]
    public void Read_IndexFile_IsTheOneReadInsteadOfTheRepositoryIndex()
    {
        CommitFile("a.txt", "line 1\n");
        StageFile("a.txt", "line 1\nin the normal index\n");
        var indexFile = Path.Combine(_repository.Root, ".git", "temporary-index");
        _repository.SetEnvironment("GIT_INDEX_FILE", indexFile);
        GitOutput(_repository, "read-tree", "HEAD");
        StageFile("b.txt", "in the temporary index\n");
        _repository.SetEnvironment("GIT_INDEX_FILE", null);

        var temporary = Read(_repository, indexFile);
        var normal = Read(_repository);

        Assert.That(temporary.Fragments, Is.EqualTo(new[] { new ScanFragment("b.txt", 1, "in the temporary index") }));
        Assert.That(normal.Fragments, Is.EqualTo(new[] { new ScanFragment("a.txt", 2, "in the normal index") }));
    }

    [Test]
    public void Read_RelativeIndexFile_IsResolvedFromTheWorkTree()
    {
        // git runs hooks at the top of the work tree and may pass GIT_INDEX_FILE=.git/index.
        CommitFile("a.txt", "line 1\n");
        _repository.SetEnvironment("GIT_INDEX_FILE", ".git/temporary-index");
        GitOutput(_repository, "read-tree", "HEAD");
        StageFile("b.txt", "alpha\n");
        _repository.SetEnvironment("GIT_INDEX_FILE", null);
        var subdirectory = Directory.CreateDirectory(Path.Combine(_repository.Root, "sub")).FullName;

        var changes = Read(_repository, ".git/temporary-index", startDirectory: subdirectory);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("b.txt", 1, "alpha") }));
    }

    [Test]
    public void Read_MissingIndexFile_ThrowsEnvironmentException()
    {
        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Read(_repository, "no-such-index"));

        Assert.That(exception!.Message, Does.StartWith("index file not found: "));
    }

    [Test]
    public void Read_IndexGitGivesTheHookForCommitWithPaths_HoldsOnlyThosePaths()
    {
        CommitFile("a.txt", "line 1\n");
        StageFile("b.txt", "staged but not committed now\n");
        _repository.Write("a.txt", "line 1\nalpha\n");
        var copy = CaptureHookIndex("commit", "--quiet", "-m", "partial", "a.txt");

        var changes = Read(_repository, copy);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("a.txt", 2, "alpha") }));
    }

    [Test]
    public void Read_IndexGitGivesTheHookForCommitAll_HoldsUnstagedChangesToo()
    {
        CommitFile("a.txt", "line 1\n");
        StageFile("b.txt", "beta\n");
        _repository.Write("a.txt", "line 1\nalpha\n");
        var copy = CaptureHookIndex("commit", "--quiet", "-a", "-m", "all");

        var withHookIndex = Read(_repository, copy);
        var withNormalIndex = Read(_repository);

        Assert.That(withHookIndex.Fragments, Is.EqualTo(new[]
        {
            new ScanFragment("a.txt", 2, "alpha"),
            new ScanFragment("b.txt", 1, "beta"),
        }));
        Assert.That(withNormalIndex.Fragments, Is.EqualTo(new[] { new ScanFragment("b.txt", 1, "beta") }));
    }

    [Test]
    public void Read_LinkedWorktree_ReadsItsOwnIndex()
    {
        CommitFile("a.txt", "line 1\n");
        StageFile("a.txt", "line 1\nmain work tree\n");
        var worktree = Path.Combine(Path.GetDirectoryName(_repository.Root)!, "linked");
        GitOutput(_repository, "worktree", "add", "--quiet", "-b", "feature", worktree);
        File.WriteAllText(Path.Combine(worktree, "a.txt"), "line 1\nlinked work tree\n");
        GitOutput(_repository, "-C", worktree, "add", "a.txt");

        var fromDirectory = Read(_repository, startDirectory: worktree);
        // Inside a linked worktree git runs hooks with GIT_DIR set to the worktree's git directory.
        _repository.SetEnvironment("GIT_DIR", Path.Combine(_repository.Root, ".git", "worktrees", "linked"));
        var asInAHook = Read(_repository, startDirectory: worktree);

        var expected = new[] { new ScanFragment("a.txt", 2, "linked work tree") };
        Assert.That(fromDirectory.Fragments, Is.EqualTo(expected));
        Assert.That(asInAHook.Fragments, Is.EqualTo(expected));
    }

    [Test]
    public void Read_SubmoduleGitlink_IsSkippedWithoutError()
    {
        var commit = CommitFile("a.txt", "line 1\n");
        GitOutput(_repository, "update-index", "--add", "--cacheinfo", $"160000,{commit},sub");
        StageFile("b.txt", "alpha\n");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("b.txt", 1, "alpha") }));
    }

    [Test]
    public void Read_Symlink_IsSkipped()
    {
        // Staged through the index directly, so the test does not need symlink rights on the file system.
        var target = GitOutputWithInput("alpha beta", "hash-object", "-w", "--stdin");
        GitOutput(_repository, "update-index", "--add", "--cacheinfo", $"120000,{target},link");

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.Empty);
        Assert.That(changes.Statistics.Files, Is.Zero);
    }

    [Test]
    public void Read_MissingBlob_IsCountedAsUnreadableAndTheScanGoesOn()
    {
        StageFile("lost.txt", "alpha\n");
        StageFile("kept.txt", "beta\n");
        var id = GitOutput(_repository, "rev-parse", ":lost.txt");
        File.Delete(Path.Combine(_repository.Root, ".git", "objects", id[..2], id[2..]));

        var changes = Read(_repository);

        Assert.That(changes.Fragments, Is.EqualTo(new[] { new ScanFragment("kept.txt", 1, "beta") }));
        Assert.That(changes.Statistics.UnreadableFiles, Is.EqualTo(1));
    }

    [Test]
    public void Read_CorruptIndex_ThrowsEnvironmentExceptionWithOneLine()
    {
        StageFile("a.txt", "alpha\n");
        File.WriteAllText(Path.Combine(_repository.Root, ".git", "index"), "not an index");

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Read(_repository));

        Assert.That(exception!.Message, Does.StartWith("cannot read the staged changes: "));
        Assert.That(exception.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void Read_SplitIndex_ThrowsEnvironmentExceptionThatSaysHowToTurnItOff()
    {
        // libgit2 cannot read it; the scan must fail (closed), not read an index that looks empty.
        StageFile("a.txt", "alpha\n");
        GitOutput(_repository, "update-index", "--split-index");

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Read(_repository));

        Assert.That(exception!.Message, Does.Contain("unsupported mandatory extension"));
        Assert.That(exception.Hint, Does.Contain("--no-split-index"));
    }

    [Test]
    public void Read_BareRepository_ThrowsEnvironmentException()
    {
        using var bare = TempRepository.Create(bare: true);

        var exception = Assert.Throws<HookGuardEnvironmentException>(() => Read(bare));

        Assert.That(exception!.Message, Is.EqualTo("bare repository: nothing is staged"));
    }

    [Test]
    public void Read_Scan_ChangesNeitherIndexNorHeadNorWorkTree()
    {
        CommitFile("a.txt", NumberedLines(5));
        StageFile("a.txt", NumberedLines(6));
        StageFile("b.txt", "alpha\n");
        _repository.Write("c.txt", "untracked\n");
        // git status may refresh (rewrite) the index itself, so it runs before the snapshot and after the checks.
        var status = GitOutput(_repository, "status", "--porcelain=v2", "--untracked-files=all");
        var head = GitOutput(_repository, "rev-parse", "HEAD");
        var indexPath = Path.Combine(_repository.Root, ".git", "index");
        var index = File.ReadAllBytes(indexPath);
        var indexTime = File.GetLastWriteTimeUtc(indexPath);
        var gitEntries = Directory.GetFileSystemEntries(Path.Combine(_repository.Root, ".git"));

        Read(_repository);

        Assert.That(File.ReadAllBytes(indexPath), Is.EqualTo(index));
        Assert.That(File.GetLastWriteTimeUtc(indexPath), Is.EqualTo(indexTime));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(_repository.Root, ".git")), Is.EquivalentTo(gitEntries));
        Assert.That(GitOutput(_repository, "rev-parse", "HEAD"), Is.EqualTo(head));
        Assert.That(GitOutput(_repository, "status", "--porcelain=v2", "--untracked-files=all"), Is.EqualTo(status));
    }

    private string CommitFile(string path, string content)
    {
        StageFile(path, content);
        return _repository.Commit();
    }

    private void StageFile(string path, string content)
    {
        _repository.Write(path, content);
        _repository.Stage(path);
    }

    private void Move(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_repository.Root, to))!);
        GitOutput(_repository, "mv", from, to);
    }

    private string GitOutputWithInput(string input, params string[] arguments)
    {
        var result = _repository.Git(input, arguments);
        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        return result.StandardOutput.Trim();
    }

    /// <summary>Runs a git commit whose pre-commit hook copies the index git hands it (GIT_INDEX_FILE) and then blocks.</summary>
    private string CaptureHookIndex(params string[] commitArguments)
    {
        var copy = Path.Combine(Path.GetDirectoryName(_repository.Root)!, "hook-index");
        var hook = _repository.Write(".git/hooks/pre-commit", "#!/bin/sh\ncp \"$GIT_INDEX_FILE\" \"$HOOKGUARD_TEST_INDEX_COPY\"\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _repository.SetEnvironment("HOOKGUARD_TEST_INDEX_COPY", copy);
        var result = _repository.Git(commitArguments);

        Assert.That(result.ExitCode, Is.Not.Zero, "the hook blocks the commit");
        Assert.That(File.Exists(copy), Is.True, () => "the hook did not run: " + result.StandardError);
        return copy;
    }
}
