namespace HookGuard.Cli;

/// <summary>
/// Everything a command may touch outside itself: where it runs, the environment and the three
/// standard streams. Program.cs builds the real one; tests build one in memory.
/// </summary>
public sealed record CliContext(
    string WorkingDirectory,
    Func<string, string?> GetEnvironmentVariable,
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    bool ErrorIsTerminal,
    bool OutIsTerminal = false)
{
    /// <summary>Colour on standard error only for a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public bool UseColor(bool noColorOption) => ErrorIsTerminal && ColorAllowed(noColorOption);

    /// <summary>Colour on standard output (a scan's report) only for a terminal, and never when NO_COLOR is set.</summary>
    public bool UseColorOnOut(bool noColorOption) => OutIsTerminal && ColorAllowed(noColorOption);

    private bool ColorAllowed(bool noColorOption) => !noColorOption && string.IsNullOrEmpty(GetEnvironmentVariable("NO_COLOR"));

    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
