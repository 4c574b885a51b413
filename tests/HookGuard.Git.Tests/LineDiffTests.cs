namespace HookGuard.Git.Tests;

[TestFixture]
public sealed class LineDiffTests
{
    [Test]
    public void AddedRuns_IdenticalLines_ReturnsNothing() =>
        Assert.That(LineDiff.AddedRuns([1, 2, 3], [1, 2, 3]), Is.Empty);

    [Test]
    public void AddedRuns_EmptyOld_ReturnsEveryLineAsOneRun() =>
        Assert.That(LineDiff.AddedRuns([], [1, 2, 3]), Is.EqualTo(new[] { (0, 3) }));

    [Test]
    public void AddedRuns_EmptyNew_ReturnsNothing() =>
        Assert.That(LineDiff.AddedRuns([1, 2, 3], []), Is.Empty);

    [Test]
    public void AddedRuns_LineReplacedInTheMiddle_ReturnsThatLine() =>
        Assert.That(LineDiff.AddedRuns([1, 2, 3, 4, 5], [1, 2, 9, 4, 5]), Is.EqualTo(new[] { (2, 1) }));

    [Test]
    public void AddedRuns_LinesInsertedAndDeleted_ReturnsOneRunPerHunk() =>
        Assert.That(
            LineDiff.AddedRuns([1, 2, 3, 4, 5, 6, 7], [8, 1, 2, 4, 9, 9, 5, 6, 7, 10]),
            Is.EqualTo(new[] { (0, 1), (4, 2), (9, 1) }));

    [Test]
    public void AddedRuns_NothingInCommon_ReturnsEveryNewLine() =>
        Assert.That(LineDiff.AddedRuns([1, 2], [3, 4, 5]), Is.EqualTo(new[] { (0, 3) }));

    [Test]
    public void AddedRuns_RepeatedLines_AddsOnlyTheExtraCopy() =>
        Assert.That(LineDiff.AddedRuns([7, 7, 7], [7, 7, 7, 7]).Sum(run => run.Count), Is.EqualTo(1));

    [Test]
    public void AddedRuns_RandomSmallInputs_AgreeWithLongestCommonSubsequence()
    {
        // Seeded, so a failure is reproducible; a small alphabet makes many repeated and shared lines.
        var random = new Random(20261123);
        for (var round = 0; round < 5000; round++)
        {
            // Mostly tiny inputs, where every corner is reachable; now and then longer ones, where bisection recurses.
            var maxLength = round % 10 == 0 ? 80 : 16;
            var oldLines = RandomLines(random, random.Next(0, maxLength), alphabet: 1 + random.Next(4));
            var newLines = RandomLines(random, random.Next(0, maxLength), alphabet: 1 + random.Next(4));

            var runs = LineDiff.AddedRuns(oldLines, newLines);

            var kept = KeptLines(newLines, runs);
            var context = $"old [{string.Join(',', oldLines)}] new [{string.Join(',', newLines)}]";
            Assert.That(IsSubsequence(kept, oldLines), Is.True, "lines not reported as added must all be old lines, in order: " + context);
            Assert.That(kept, Has.Length.EqualTo(LongestCommonSubsequence(oldLines, newLines)), "the edit must be a shortest one: " + context);
        }
    }

    [Test]
    public void AddedRuns_CostLimitReached_StillReportsEveryAddedLine()
    {
        // Past the cost limit the diff gives up precision, never safety: whatever it keeps must be old lines, in order.
        var random = new Random(7);
        for (var round = 0; round < 2000; round++)
        {
            var oldLines = RandomLines(random, random.Next(0, 40), alphabet: 6);
            var newLines = RandomLines(random, random.Next(0, 40), alphabet: 6);

            var kept = KeptLines(newLines, LineDiff.AddedRuns(oldLines, newLines, maxCost: 1 + random.Next(3)));

            Assert.That(IsSubsequence(kept, oldLines), Is.True);
        }
    }

    [Test]
    public void AddedRuns_EveryThirdLineOfALargeFileChanged_StaysPreciseWithinTheCostLimit()
    {
        // About 13 000 edits, far past the cost limit: the heuristic split must still find the unchanged lines.
        var oldLines = Enumerable.Range(0, 20_000).ToArray();
        var newLines = oldLines.Select(i => i % 3 == 0 ? -i - 1 : i).ToArray();

        var runs = LineDiff.AddedRuns(oldLines, newLines);

        Assert.That(runs.Sum(run => run.Count), Is.EqualTo(newLines.Count(line => line < 0)));
    }

    [Test]
    public void AddedRuns_NothingInCommonAndHuge_ReturnsEveryLineQuickly()
    {
        var oldLines = Enumerable.Range(0, 300_000).ToArray();
        var newLines = Enumerable.Range(0, 300_000).Select(i => -i - 1).ToArray();

        var runs = LineDiff.AddedRuns(oldLines, newLines);

        Assert.That(runs, Is.EqualTo(new[] { (0, 300_000) }));
    }

    [Test]
    public void AddedRuns_TinyCostLimitOnALongInput_KeepsTheStackShallowAndTheResultValid()
    {
        // Every search hits the limit, so every split is heuristic and lopsided: the worst case for recursion depth.
        var random = new Random(5);
        var oldLines = RandomLines(random, 200_000, alphabet: 3);
        var newLines = RandomLines(random, 200_000, alphabet: 3);

        var kept = KeptLines(newLines, LineDiff.AddedRuns(oldLines, newLines, maxCost: 2));

        Assert.That(IsSubsequence(kept, oldLines), Is.True);
    }

    [Test]
    public void AddedRuns_ManyEqualLinesInterleaved_AgreesWithTheReferenceOnAMidSizedInput()
    {
        // Blank lines make long, ambiguous snakes: the classic slow case for diff.
        var random = new Random(11);
        var oldLines = RandomLines(random, 1500, alphabet: 2);
        var newLines = RandomLines(random, 1500, alphabet: 2);

        var kept = KeptLines(newLines, LineDiff.AddedRuns(oldLines, newLines, maxCost: 100_000));

        Assert.That(IsSubsequence(kept, oldLines), Is.True);
        Assert.That(kept, Has.Length.EqualTo(LongestCommonSubsequence(oldLines, newLines)));
    }

    private static int[] RandomLines(Random random, int count, int alphabet) =>
        Enumerable.Range(0, count).Select(_ => random.Next(alphabet)).ToArray();

    private static int[] KeptLines(int[] newLines, List<(int Start, int Count)> runs)
    {
        var added = new bool[newLines.Length];
        foreach (var (start, count) in runs)
        {
            Assert.That(count, Is.Positive);
            for (var i = start; i < start + count; i++)
            {
                Assert.That(added[i], Is.False, "runs must not overlap");
                added[i] = true;
            }
        }

        return newLines.Where((_, i) => !added[i]).ToArray();
    }

    internal static bool IsSubsequence(int[] candidate, int[] sequence)
    {
        var position = 0;
        foreach (var item in sequence)
        {
            if (position < candidate.Length && candidate[position] == item)
            {
                position++;
            }
        }

        return position == candidate.Length;
    }

    internal static int LongestCommonSubsequence(int[] a, int[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Length, b.Length];
    }
}
