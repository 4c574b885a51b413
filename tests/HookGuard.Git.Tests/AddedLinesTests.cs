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
}
