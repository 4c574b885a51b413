using HookGuard.Detectors;
using HookGuard.TestKit;
using static HookGuard.Git.Tests.Staged;

namespace HookGuard.Git.Tests;

/// <summary>
/// A large staged change is read on several threads (<see cref="StagedChangeSource.ParallelReadMinFiles"/>); what it
/// returns must be exactly what the read on one thread returns. The threshold is lowered here so that a change of a
/// few hundred small files takes that path, with more threads than files are read at once on a small machine.
/// </summary>
[TestFixture]
public sealed class ParallelReadTests
{
    private const int ManyFiles = 150;

    private TempRepository _repository = null!;

    [SetUp]
    public void SetUp() => _repository = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repository.Dispose();

    [TestCase(2)]
    [TestCase(4)]
    public void Read_LargeChangeOfEveryKind_GivesTheSequentialReadsFragmentsStatisticsAndLargeFiles(int threads)
    {
        StageChangeOfEveryKind();
        var options = new StagedScanOptions
        {
            MaxFileBytes = 4096,
            ExcludePath = path => path.StartsWith("vendor/", StringComparison.Ordinal),
            AllowsFindingsIn = path => path.StartsWith("vendor/", StringComparison.Ordinal),
        };

        var sequential = ReadSequentially(options);
        var parallel = ReadInParallel(threads, options);

        Assert.That(parallel.ReadThreads, Is.EqualTo(threads), "the parallel path was taken");
        Assert.That(sequential.ReadThreads, Is.EqualTo(1));
        AssertSameRead(parallel, sequential);
        // What both must find, so that two equally wrong reads cannot pass.
        Assert.That(string.Join(", ", sequential.LargeFiles), Is.EqualTo("big/first.txt, big/second.txt"), "in the order met");
        Assert.That(sequential.Statistics.LargeFilesSkipped, Is.EqualTo(2));
        Assert.That(sequential.Statistics.BinaryFilesSkipped, Is.EqualTo(1));
        Assert.That(sequential.Statistics.ExcludedFiles, Is.EqualTo(1));
        Assert.That(sequential.Fragments, Does.Contain(new ScanFragment("renamed/name.txt", 7, "renamed and edited")));
        Assert.That(sequential.Fragments, Does.Contain(new ScanFragment("copy.txt", 4, "copied and edited")));
        Assert.That(sequential.Fragments, Does.Contain(new ScanFragment("copied-from-vendor.txt", 1, "vendored 1\nvendored 2")));
        Assert.That(sequential.Fragments.Select(fragment => fragment.Path), Has.None.EqualTo("exact-copy.txt").And.None.EqualTo("vendor/lib.txt"));
        Assert.That(sequential.Statistics.Files, Is.EqualTo(ManyFiles + 5));
    }

    [Test]
    public void Read_LostAndCorruptBlobs_GivesTheSequentialReadsUnreadableFilesAndFragments()
    {
        // Only modified files: with no added file, finding renames and copies reads no blob, so the reads below meet the losses.
        for (var i = 0; i < ManyFiles; i++)
        {
            _repository.Write($"src/file{i:000}.txt", NumberedLines(5 + i % 40));
        }

        _repository.Stage();
        _repository.Commit();
        foreach (var path in new[] { "old-side-lost.txt", "missing.txt", "corrupt.txt" })
        {
            _repository.Write(path, NumberedLines(5));
        }

        // Committed apart, so that their old blobs are still loose and can be lost below.
        _repository.Stage();
        _repository.Commit();
        for (var i = 0; i < ManyFiles; i++)
        {
            _repository.Write($"src/file{i:000}.txt", NumberedLines(5 + i % 40) + $"added {i}\n");
        }

        foreach (var path in new[] { "old-side-lost.txt", "missing.txt", "corrupt.txt" })
        {
            _repository.Write(path, NumberedLines(5) + $"added to {path}\n");
        }

        _repository.Stage();
        LoseBlob(GitOutput(_repository, "rev-parse", "HEAD:old-side-lost.txt"));
        LoseBlob(GitOutput(_repository, "rev-parse", ":missing.txt"));
        File.WriteAllBytes(LoseBlob(GitOutput(_repository, "rev-parse", ":corrupt.txt")), [0x78, 0x9c, 1, 2, 3, 4, 5, 6, 7, 8]);

        var sequential = ReadSequentially();
        var parallel = ReadInParallel(4);

        Assert.That(parallel.ReadThreads, Is.EqualTo(4), "the parallel path was taken");
        AssertSameRead(parallel, sequential);
        Assert.That(sequential.Statistics.UnreadableFiles, Is.EqualTo(2), "the missing and the corrupt blob");
        Assert.That(sequential.Fragments, Does.Contain(new ScanFragment("old-side-lost.txt", 1, NumberedLines(5) + "added to old-side-lost.txt")), "every line of a file whose old side is lost");
        Assert.That(sequential.Fragments, Has.Count.EqualTo(ManyFiles + 1));
    }

    [Test]
    public void Read_BlobLostThatFindingCopiesNeeds_ThrowsTheSameOneLineErrorAsTheSequentialRead()
    {
        StageChangeOfEveryKind();
        LoseBlob(GitOutput(_repository, "rev-parse", ":new/brand-new.txt"));

        var sequential = Assert.Throws<HookGuardEnvironmentException>(() => ReadSequentially());
        var parallel = Assert.Throws<HookGuardEnvironmentException>(() => ReadInParallel(4));

        Assert.That(parallel!.Message, Is.EqualTo(sequential!.Message));
        Assert.That(parallel.Message, Does.StartWith("cannot read the staged changes: ").And.Not.Contain("\n"));
    }

    [Test]
    public void Read_MergeInProgress_GivesTheSequentialReadsFragmentsAndStatistics()
    {
        StageResolvedMerge(conflicts: 40);

        var sequential = ReadSequentially();
        var parallel = ReadInParallel(4);

        Assert.That(parallel.ReadThreads, Is.EqualTo(4), "the parallel path was taken");
        AssertSameRead(parallel, sequential);
        Assert.That(sequential.Fragments, Has.Count.EqualTo(40), "each conflict's resolution, nothing from either branch");
        Assert.That(sequential.Fragments[0], Is.EqualTo(new ScanFragment("conflicts/c00.txt", 5, "resolved 0")));
    }

    [Test]
    public void Read_ByDefault_UsesThreadsFromTheThresholdOnAndNotBelowIt()
    {
        for (var i = 0; i < StagedChangeSource.DefaultParallelReadMinFiles; i++)
        {
            _repository.Write($"files/f{i:000}.txt", $"file {i}\n");
        }

        _repository.Stage();
        var atThreshold = new StagedChangeSource(Locate(_repository, _repository.Root)) { ReadThreads = 2 }.Read();
        _repository.Git("rm", "--quiet", "--cached", "files/f000.txt");
        var belowThreshold = new StagedChangeSource(Locate(_repository, _repository.Root)) { ReadThreads = 2 }.Read();

        Assert.That(atThreshold.ReadThreads, Is.EqualTo(2));
        Assert.That(atThreshold.Fragments, Has.Count.EqualTo(StagedChangeSource.DefaultParallelReadMinFiles));
        Assert.That(belowThreshold.ReadThreads, Is.EqualTo(1), "a smaller change starts no thread");
    }

    private StagedChanges ReadSequentially(StagedScanOptions? options = null) =>
        new StagedChangeSource(Locate(_repository, _repository.Root), options: options) { ParallelReadMinFiles = int.MaxValue }.Read();

    private StagedChanges ReadInParallel(int threads, StagedScanOptions? options = null) =>
        new StagedChangeSource(Locate(_repository, _repository.Root), options: options) { ParallelReadMinFiles = 1, ReadThreads = threads }.Read();

    private static void AssertSameRead(StagedChanges actual, StagedChanges expected)
    {
        Assert.That(actual.Fragments, Is.EqualTo(expected.Fragments), "the same fragments in the same order");
        Assert.That(actual.LargeFiles, Is.EqualTo(expected.LargeFiles));
        Assert.That(Counts(actual.Statistics), Is.EqualTo(Counts(expected.Statistics)));
    }

    private static string Counts(ScanStatistics statistics) =>
        $"files {statistics.Files}, bytes {statistics.Bytes}, commits {statistics.Commits}, binary {statistics.BinaryFilesSkipped}, "
        + $"large {statistics.LargeFilesSkipped}, excluded {statistics.ExcludedFiles}, unreadable {statistics.UnreadableFiles}";

    /// <summary>
    /// Many edited files of uneven size (so threads finish out of order) among every kind of entry the reader treats
    /// specially: too large, binary, excluded, renamed, copied, an exact copy, a copy of an excluded file, deleted, a symlink.
    /// </summary>
    private void StageChangeOfEveryKind()
    {
        for (var i = 0; i < ManyFiles; i++)
        {
            _repository.Write($"src/m{i % 7}/file{i:000}.txt", NumberedLines(5 + i % 40));
        }

        _repository.Write("old/name.txt", NumberedLines(10));
        _repository.Write("original.txt", NumberedLines(10));
        _repository.Write("untouched.txt", "untouched alpha\nuntouched beta\nuntouched gamma\n");
        _repository.Write("deleted.txt", "nothing like any other file\n");
        _repository.Write("vendor/lib.txt", "vendored 1\n");
        _repository.Stage();
        _repository.Commit();

        for (var i = 0; i < ManyFiles; i++)
        {
            // Lines added at the start, the middle or the end, and a line replaced in some.
            var lines = NumberedLines(5 + i % 40).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            lines.Insert((i * 7) % lines.Count, $"added {i}");
            if (i % 3 == 0)
            {
                lines[lines.Count - 1] = $"replaced {i}";
            }

            _repository.Write($"src/m{i % 7}/file{i:000}.txt", string.Join('\n', lines) + "\n");
        }

        _repository.Write("new/brand-new.txt", "alpha\nbeta\n");
        _repository.Write("big/first.txt", new string('a', 5000) + "\n");
        _repository.Write("big/second.txt", new string('b', 5000) + "\n");
        _repository.WriteBytes("image.bin", [.. "alpha\n"u8, 0, 1, 2]);
        _repository.Write("vendor/lib.txt", "vendored 1\nvendored 2\n");
        _repository.Write("copied-from-vendor.txt", "vendored 1\nvendored 2\n");
        _repository.Write("exact-copy.txt", "untouched alpha\nuntouched beta\nuntouched gamma\n");
        _repository.Write("original.txt", NumberedLines(10) + "line 11\n");
        _repository.Write("copy.txt", NumberedLines(10).Replace("line 4\n", "copied and edited\n", StringComparison.Ordinal));
        _repository.Stage();
        Directory.CreateDirectory(Path.Combine(_repository.Root, "renamed"));
        GitOutput(_repository, "mv", "old/name.txt", "renamed/name.txt");
        _repository.Write("renamed/name.txt", NumberedLines(10).Replace("line 7\n", "renamed and edited\n", StringComparison.Ordinal));
        GitOutput(_repository, "rm", "--quiet", "deleted.txt");
        var link = GitOutputWithInput("src/m0/file000.txt", "hash-object", "-w", "--stdin");
        GitOutput(_repository, "update-index", "--add", "--cacheinfo", $"120000,{link},link");
        _repository.Stage();
        Assert.That(GitOutput(_repository, "diff", "--cached", "--name-status", "-C"), Does.Contain("C0").And.Contain("R0"), "git must see a copy and a rename");
    }

    /// <summary>Deletes a loose object (read-only, as git writes it) and returns its path.</summary>
    private string LoseBlob(string id)
    {
        var path = Path.Combine(_repository.Root, ".git", "objects", id[..2], id[2..]);
        File.Delete(path);
        return path;
    }

    /// <summary>A merge of a branch that conflicts in many files, each resolved with a line of its own and staged, not yet committed.</summary>
    private void StageResolvedMerge(int conflicts)
    {
        for (var i = 0; i < conflicts; i++)
        {
            _repository.Write($"conflicts/c{i:00}.txt", NumberedLines(9));
        }

        _repository.Write("clean/side.txt", NumberedLines(3));
        _repository.Stage();
        _repository.Commit();
        GitOutput(_repository, "checkout", "--quiet", "-b", "feature");
        for (var i = 0; i < conflicts; i++)
        {
            _repository.Write($"conflicts/c{i:00}.txt", NumberedLines(9).Replace("line 5\n", $"feature {i}\n", StringComparison.Ordinal));
        }

        _repository.Write("clean/side.txt", NumberedLines(3) + "from feature\n");
        _repository.Stage();
        _repository.Commit();
        GitOutput(_repository, "checkout", "--quiet", "-");
        for (var i = 0; i < conflicts; i++)
        {
            _repository.Write($"conflicts/c{i:00}.txt", NumberedLines(9).Replace("line 5\n", $"main {i}\n", StringComparison.Ordinal));
        }

        _repository.Stage();
        _repository.Commit();
        Assert.That(_repository.Git("merge", "--quiet", "feature").ExitCode, Is.Not.Zero, "the merge must conflict");
        for (var i = 0; i < conflicts; i++)
        {
            _repository.Write($"conflicts/c{i:00}.txt", NumberedLines(9).Replace("line 5\n", $"resolved {i}\n", StringComparison.Ordinal));
        }

        _repository.Stage();
        Assert.That(File.Exists(Path.Combine(_repository.Root, ".git", "MERGE_HEAD")), Is.True, "a merge in progress");
    }

    private string GitOutputWithInput(string input, params string[] arguments)
    {
        var result = _repository.Git(input, arguments);
        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        return result.StandardOutput.Trim();
    }
}
