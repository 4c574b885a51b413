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
}
