using System.Diagnostics;

namespace HookGuard.Cli.Reports;

/// <summary>
/// One line on standard error that rewrites itself ("hookguard: scanned 1200/5000 commits") while a long scan runs.
/// Only on a terminal (a log or a pipe would fill up with redraws), only once the scan has taken a second (a quick scan
/// should not flicker), at most ten redraws a second, and erased before the report is written.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly CliContext _context;
    private readonly string _noun;
    private readonly Func<TimeSpan> _elapsed;
    private TimeSpan _drawnAt;
    private int _width;

    /// <param name="noun">What is counted, plural: "commits".</param>
    /// <param name="elapsed">Time since the scan started; a stopwatch started now unless a test gives its own clock.</param>
    public ProgressLine(CliContext context, string noun, Func<TimeSpan>? elapsed = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _noun = noun;
        if (elapsed is null)
        {
            var stopwatch = Stopwatch.StartNew();
            elapsed = () => stopwatch.Elapsed;
        }

        _elapsed = elapsed;
    }

    /// <summary>Fits <c>Action&lt;int, int&gt;</c>, the progress callback of the git sources.</summary>
    public void Report(int done, int total)
    {
        if (!_context.ErrorIsTerminal)
        {
            return;
        }

        var now = _elapsed();
        if (now < Delay || (_width > 0 && now - _drawnAt < RedrawInterval))
        {
            return;
        }

        var text = $"hookguard: scanned {done}/{total} {_noun}";
        // Padded over the previous text, which a shorter line would otherwise leave partly visible.
        _context.Error.Write("\r" + text.PadRight(_width));
        _context.Error.Flush();
        _width = Math.Max(_width, text.Length);
        _drawnAt = now;
    }

    /// <summary>Erases the line, if one was drawn, leaving the cursor at the start of it.</summary>
    public void Clear()
    {
        if (_width == 0)
        {
            return;
        }

        _context.Error.Write("\r" + new string(' ', _width) + "\r");
        _context.Error.Flush();
        _width = 0;
    }

    public void Dispose() => Clear();
}
