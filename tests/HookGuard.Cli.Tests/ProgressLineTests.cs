using HookGuard.Cli.Reports;

namespace HookGuard.Cli.Tests;

/// <summary>The self-updating progress line on standard error, driven by a test clock.</summary>
public class ProgressLineTests
{
    private StringWriter _error = null!;
    private TimeSpan _now;

    [SetUp]
    public void SetUp()
    {
        _error = new StringWriter();
        _now = TimeSpan.Zero;
    }

    [TearDown]
    public void TearDown() => _error.Dispose();

    private ProgressLine Line(bool terminal) =>
        new(new CliContext(Path.GetTempPath(), _ => null, TextReader.Null, TextWriter.Null, _error, terminal), "commits", () => _now);

    [Test]
    public void Report_NotATerminal_WritesNothingEver()
    {
        using var line = Line(terminal: false);
        _now = TimeSpan.FromSeconds(30);

        line.Report(10, 50);
        line.Clear();

        Assert.That(_error.ToString(), Is.Empty);
    }

    [Test]
    public void Report_WithinTheFirstSecond_WritesNothing()
    {
        using var line = Line(terminal: true);
        _now = TimeSpan.FromMilliseconds(999);

        line.Report(10, 50);
        line.Clear();

        Assert.That(_error.ToString(), Is.Empty);
    }

    [Test]
    public void Report_AfterASecond_RewritesOneLineAtMostTenTimesASecond()
    {
        using var line = Line(terminal: true);
        _now = TimeSpan.FromSeconds(1);
        line.Report(1200, 5000);
        _now += TimeSpan.FromMilliseconds(50);
        line.Report(1300, 5000);
        _now += TimeSpan.FromMilliseconds(50);
        line.Report(1400, 5000);

        Assert.That(_error.ToString(), Is.EqualTo("\rhookguard: scanned 1200/5000 commits\rhookguard: scanned 1400/5000 commits"));
    }

    [Test]
    public void Report_ShorterText_IsPaddedOverThePreviousOne()
    {
        using var line = Line(terminal: true);
        _now = TimeSpan.FromSeconds(2);
        line.Report(1000, 1000);
        _now += TimeSpan.FromSeconds(1);
        line.Report(1, 1000);

        Assert.That(_error.ToString(), Does.EndWith("\rhookguard: scanned 1/1000 commits   "));
    }

    [Test]
    public void Dispose_AfterDrawing_ErasesTheLineOnce()
    {
        var line = Line(terminal: true);
        _now = TimeSpan.FromSeconds(2);
        line.Report(3, 10);
        var drawn = _error.ToString();

        line.Dispose();
        line.Dispose();

        Assert.That(_error.ToString(), Is.EqualTo(drawn + "\r" + new string(' ', drawn.Length - 1) + "\r"));
    }
}
