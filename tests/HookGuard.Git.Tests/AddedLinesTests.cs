namespace HookGuard.Git.Tests;

[TestFixture]
public sealed class AddedLinesTests
{
    [TestCase("", 0)]
    [TestCase("a", 1)]
    [TestCase("a\n", 1)]
    [TestCase("\n", 1)]
    [TestCase("a\n\nb", 3)]
    [TestCase("a\r\nb\r\n", 2)]
    public void SplitLines_Text_CountsLinesAsGitDoes(string text, int lines) =>
        Assert.That(AddedLines.SplitLines(text), Has.Length.EqualTo(lines));

    [Test]
    public void Find_LinesInsertedInTheMiddle_ReturnsThemWithNewLineNumbers() =>
        Assert.That(
            AddedLines.Find("one\ntwo\nthree\n", "one\nalpha\nbeta\ntwo\nthree\n"),
            Is.EqualTo(new[] { (2, "alpha\nbeta") }));

    [Test]
    public void Find_CrlfLines_TextHasNoCarriageReturns() =>
        Assert.That(
            AddedLines.Find("one\r\n", "one\r\nalpha\r\nbeta\r\n"),
            Is.EqualTo(new[] { (2, "alpha\nbeta") }));

    [Test]
    public void Find_LineEndingChangedOnly_CountsTheLineAsAdded() =>
        // git sees "one\r" and "one" as different lines; so does the scan (it never sees less than git).
        Assert.That(AddedLines.Find("one\n", "one\r\n"), Is.EqualTo(new[] { (1, "one") }));

    [Test]
    public void Find_FinalNewlineAdded_ReturnsNothing() =>
        Assert.That(AddedLines.Find("one\ntwo", "one\ntwo\n"), Is.Empty);

    [Test]
    public void Find_EmptyLineAdded_ReturnsAnEmptyRun() =>
        Assert.That(AddedLines.Find("one\n", "one\n\n"), Is.EqualTo(new[] { (2, "") }));

    [Test]
    public void Runs_MarkedLines_AreGroupedWithNewLineNumbers()
    {
        const string Text = "one\ntwo\r\nthree\nfour\n";

        var runs = AddedLines.Runs(Text, AddedLines.SplitLines(Text), [false, true, true, false]);

        Assert.That(runs, Is.EqualTo(new[] { (2, "two\nthree") }));
    }

    [Test]
    public void Mark_AgainstTwoOldTexts_IntersectionIsWhatNeitherHad()
    {
        // What a merge does with its parents' versions of a file.
        const string Merged = "one\nleft\nright\nnew\n";
        var lines = AddedLines.SplitLines(Merged);

        var againstLeft = AddedLines.Mark("one\nleft\n", Merged, lines);
        var againstRight = AddedLines.Mark("one\nright\n", Merged, lines);

        var againstBoth = againstLeft.Zip(againstRight, (left, right) => left && right).ToArray();

        Assert.That(AddedLines.Runs(Merged, lines, againstBoth), Is.EqualTo(new[] { (4, "new") }));
    }

    [Test]
    public void Mark_RandomEditsAtTheEndsAndInTheMiddle_IsAShortestEditKeepingOldLinesInOrder()
    {
        // Equal first and last lines are trimmed before the diff; the result must still be a shortest edit.
        var random = new Random(20261124);
        for (var round = 0; round < 3000; round++)
        {
            var oldIds = Enumerable.Range(0, random.Next(0, 14)).Select(_ => random.Next(1 + (round % 4))).ToArray();
            var newIds = random.Next(3) switch
            {
                0 => [.. oldIds, .. Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(4))],
                1 => [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(4)), .. oldIds],
                _ => Enumerable.Range(0, random.Next(0, 14)).Select(_ => random.Next(1 + (round % 4))).ToArray(),
            };
            var oldText = string.Concat(oldIds.Select(id => $"line {id}\n"));
            var newText = string.Concat(newIds.Select(id => $"line {id}\n"));

            var added = AddedLines.Mark(oldText, newText, AddedLines.SplitLines(newText));

            var kept = newIds.Where((_, i) => !added[i]).ToArray();
            var context = $"old [{string.Join(',', oldIds)}] new [{string.Join(',', newIds)}]";
            Assert.That(LineDiffTests.IsSubsequence(kept, oldIds), Is.True, context);
            Assert.That(kept, Has.Length.EqualTo(LineDiffTests.LongestCommonSubsequence(oldIds, newIds)), context);
        }
    }
}
